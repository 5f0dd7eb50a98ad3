/** The watch-only broadcast tier (issue 21): the HLS player and its states. */
export const broadcastVi = {
  broadcast: {
    title: 'Truyền hình trực tiếp',
    watchOnly: 'Điểm cầu chỉ theo dõi',
    watchHint: 'Điểm cầu này xem truyền hình hội nghị. Khi chủ trì mời phát biểu, máy sẽ tự bật camera và micro.',
    promoted: 'Điểm cầu đang được mời phát biểu: camera và micro đã bật.',
    unmute: 'Bật tiếng',
    muteSound: 'Tắt tiếng',
    latency: 'Độ trễ khoảng {{seconds}} giây',
    now: 'Đang phát: {{caption}}',
    status: {
      off: 'Chưa phát truyền hình',
      waiting: 'Đang chờ tín hiệu hình ảnh',
      starting: 'Đang bắt đầu phát…',
      live: 'Đang phát trực tiếp',
      unavailable: 'Không phát được truyền hình',
    },
    reasons: {
      media_disabled: 'Máy chủ chưa bật âm thanh, hình ảnh.',
      media_unreachable: 'Không kết nối được máy chủ hình ảnh.',
      ffmpeg_missing: 'Máy chủ hình ảnh chưa cài FFmpeg.',
      ffmpeg_failed: 'Bộ mã hóa truyền hình gặp lỗi, đang thử lại.',
      meeting_not_live: 'Cuộc họp chưa diễn ra hoặc đã kết thúc.',
      no_source: 'Chưa có điểm cầu nào gửi hình ảnh.',
    },
    playError: 'Mất tín hiệu, đang kết nối lại…',
    toWatch: 'Chuyển sang chế độ chỉ theo dõi',
    toInteractive: 'Chuyển sang chế độ tương tác (camera, micro)',
  },
};

export const broadcastEn: typeof broadcastVi = {
  broadcast: {
    title: 'Live broadcast',
    watchOnly: 'Watch-only site',
    watchHint: 'This site watches the conference broadcast. When the chair gives it the floor, the camera and microphone turn on by themselves.',
    promoted: 'This site has the floor: camera and microphone are on.',
    unmute: 'Sound on',
    muteSound: 'Sound off',
    latency: 'About {{seconds}} s behind',
    now: 'On air: {{caption}}',
    status: {
      off: 'Not broadcasting',
      waiting: 'Waiting for a picture',
      starting: 'Starting…',
      live: 'Live',
      unavailable: 'The broadcast cannot run',
    },
    reasons: {
      media_disabled: 'Audio and video are not enabled on this server.',
      media_unreachable: 'The media server cannot be reached.',
      ffmpeg_missing: 'FFmpeg is not installed on the media server.',
      ffmpeg_failed: 'The broadcast encoder failed; retrying.',
      meeting_not_live: 'The meeting has not started or has ended.',
      no_source: 'No site is sending video yet.',
    },
    playError: 'Signal lost, reconnecting…',
    toWatch: 'Switch to watch-only',
    toInteractive: 'Switch to interactive (camera, microphone)',
  },
};
