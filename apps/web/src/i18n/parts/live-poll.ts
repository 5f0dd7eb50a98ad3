/** The vote on the live view and the chair's floor console (issue 18). */
export const livePollVi = {
  livePoll: {
    open: 'Đang biểu quyết',
    result: 'Kết quả biểu quyết',
    published: 'đã công bố',
    notPublished: 'chưa công bố',
    manage: 'Điều hành biểu quyết',
  },
};

export const livePollEn: typeof livePollVi = {
  livePoll: {
    open: 'Voting now',
    result: 'Vote result',
    published: 'published',
    notPublished: 'not published yet',
    manage: 'Run the vote',
  },
};
