// Content of the demo meetings that scripts/seed-demo.mjs creates: who sits at
// which endpoint, who speaks on what, what the minutes conclude and assign.
// Modelled on two press reports of such meetings (the first session of the
// Steering Committee for the 10-year review of Resolution 22-NQ/TW, and the
// Ministry of Foreign Affairs' seminar with the provinces of 06/7/2023).
// Apart from the demo accounts and the Lạng Sơn delegation of those reports,
// the officials are invented (names drawn from a seeded generator).

/** A small seeded generator, so every run makes the same people. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Lương', 'Trịnh', 'Mai', 'Tạ', 'Hà', 'Cao', 'Lâm'];
const MIDDLE_M = ['Văn', 'Minh', 'Quốc', 'Đức', 'Hữu', 'Thanh', 'Công', 'Xuân', 'Hoàng', 'Ngọc', 'Thế', 'Anh', 'Trọng', 'Duy', 'Việt'];
const GIVEN_M = ['Hùng', 'Dũng', 'Sơn', 'Tuấn', 'Hải', 'Long', 'Nam', 'Thắng', 'Bình', 'Trung', 'Quang', 'Hiếu', 'Khánh', 'Thành', 'Vinh', 'Cường', 'Phong', 'Toàn', 'Lâm', 'Huy', 'Tùng', 'Kiên', 'Đạt', 'Thịnh'];
const MIDDLE_F = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Thị Thu', 'Thị Hồng', 'Thị Minh', 'Hồng'];
const GIVEN_F = ['Hà', 'Lan', 'Hương', 'Phương', 'Linh', 'Giang', 'Hạnh', 'Trang', 'Thủy', 'Hằng', 'Nga', 'Yến', 'Huyền', 'Vân', 'Dung', 'Mai'];

/** Vietnamese names, never the same twice. */
export function nameMaker(seed = 2026) {
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const used = new Set();
  return () => {
    for (;;) {
      const female = r() < 0.3;
      const name = `${pick(FAMILY)} ${pick(female ? MIDDLE_F : MIDDLE_M)} ${pick(female ? GIVEN_F : GIVEN_M)}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

/** "tỉnh Lạng Sơn", "thành phố Hà Nội", "Thành phố Hồ Chí Minh" */
export const unitOf = (org) =>
  org.provinceType === 'city' ? (/^thành phố /i.test(org.shortName) ? org.shortName : `thành phố ${org.shortName}`) : `tỉnh ${org.shortName}`;

/** Provinces with a land border: their delegation includes the border guard. */
const BORDER = new Set(['LANG_SON', 'QUANG_NINH', 'CAO_BANG', 'LAO_CAI', 'LAI_CHAU', 'DIEN_BIEN', 'SON_LA', 'TUYEN_QUANG', 'THANH_HOA', 'NGHE_AN', 'HA_TINH', 'QUANG_TRI', 'GIA_LAI', 'DAK_LAK', 'TAY_NINH', 'AN_GIANG', 'DONG_THAP']);

/** Fixed rosters; the first person of each is the head of the delegation. */
const FIXED_ROSTERS = {
  BNG: [
    { fullName: 'Nguyễn Minh Vũ', position: 'Thứ trưởng Thường trực Bộ Ngoại giao', unit: 'Bộ Ngoại giao' },
    { fullName: 'Phạm Thanh Bình', position: 'Vụ trưởng Vụ Tổng hợp kinh tế', unit: 'Bộ Ngoại giao' },
    { fullName: 'Trần Thị Mai Anh', position: 'Cục trưởng Cục Ngoại vụ', unit: 'Bộ Ngoại giao' },
    { fullName: 'Lê Quốc Khánh', position: 'Vụ trưởng Vụ Hợp tác kinh tế đa phương', unit: 'Bộ Ngoại giao' },
  ],
  LANG_SON: [
    { fullName: 'Đoàn Thu Hà', position: 'Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh Lạng Sơn', unit: 'UBND tỉnh Lạng Sơn' },
    { fullName: 'Lương Trọng Quỳnh', position: 'Giám đốc Sở Ngoại vụ', unit: 'Sở Ngoại vụ tỉnh Lạng Sơn' },
    { fullName: 'Hoàng Thị Thu Hương', position: 'Chánh Văn phòng UBND tỉnh', unit: 'Văn phòng UBND tỉnh Lạng Sơn' },
    { fullName: 'Nông Văn Thắng', position: 'Chỉ huy trưởng Bộ Chỉ huy Bộ đội Biên phòng tỉnh', unit: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lạng Sơn' },
  ],
};

const MINISTRY_POSTS = {
  BCA: ['Thứ trưởng Bộ Công an', 'Cục trưởng Cục Quản lý xuất nhập cảnh'],
  BQP: ['Thứ trưởng Bộ Quốc phòng', 'Cục trưởng Cục Đối ngoại, Bộ Quốc phòng'],
  BCT: ['Thứ trưởng Bộ Công Thương', 'Vụ trưởng Vụ Chính sách thương mại đa biên', 'Cục trưởng Cục Phòng vệ thương mại'],
  BTC: ['Thứ trưởng Bộ Tài chính', 'Cục trưởng Cục Đầu tư nước ngoài'],
  NHNN: ['Phó Thống đốc Ngân hàng Nhà nước Việt Nam', 'Vụ trưởng Vụ Hợp tác quốc tế'],
};

/** The roster of one endpoint: 2-4 people, the head of the delegation first. */
export function rosterFor(org, nextName, r) {
  if (FIXED_ROSTERS[org.code]) return FIXED_ROSTERS[org.code].map((p) => ({ ...p }));
  if (MINISTRY_POSTS[org.code]) return MINISTRY_POSTS[org.code].map((position) => ({ fullName: nextName(), position, unit: org.name }));
  const unit = unitOf(org);
  const lead = r() < 0.4 ? 'Chủ tịch' : 'Phó Chủ tịch';
  const people = [{ fullName: nextName(), position: `${lead} UBND ${unit}`, unit: `UBND ${unit}` }];
  const posts = [
    ['Giám đốc Sở Ngoại vụ', `Sở Ngoại vụ ${unit}`],
    r() < 0.5 ? ['Giám đốc Sở Tài chính', `Sở Tài chính ${unit}`] : ['Giám đốc Sở Công Thương', `Sở Công Thương ${unit}`],
    BORDER.has(org.code) ? ['Chỉ huy trưởng Bộ Chỉ huy Bộ đội Biên phòng tỉnh', `Bộ Chỉ huy Bộ đội Biên phòng ${unit}`] : ['Chánh Văn phòng UBND', `Văn phòng UBND ${unit}`],
  ];
  const size = 2 + Math.floor(r() * 3); // 2..4
  for (const [position, u] of posts.slice(0, size - 1)) people.push({ fullName: nextName(), position, unit: u });
  return people;
}

// ---------------------------------------------------------------------------
// The finished plenary
// ---------------------------------------------------------------------------

export const PLENARY = {
  title: 'Hội nghị trực tuyến với các địa phương tổng kết 10 năm thực hiện Nghị quyết số 22-NQ/TW về hội nhập quốc tế',
  description:
    'Hội nghị kết nối từ Trụ sở Bộ Ngoại giao tới điểm cầu 34 tỉnh, thành phố và các bộ, ngành. Đánh giá kết quả 10 năm thực hiện Nghị quyết số 22-NQ/TW ngày 10/4/2013 của Bộ Chính trị về hội nhập quốc tế; làm rõ hạn chế, điểm nghẽn, bài học kinh nghiệm; đề xuất chủ trương, nhiệm vụ, giải pháp nâng cao hiệu quả hội nhập quốc tế, phục vụ xây dựng Nghị quyết mới về hội nhập quốc tế.',
  durationMinutes: 210,
  hostLocation: 'Hội trường Trụ sở Bộ Ngoại giao, số 1 Tôn Thất Đàm, Ba Đình, Hà Nội',
  agenda: [
    {
      title: 'Phiên khai mạc',
      items: [
        { key: 'open', title: 'Phát biểu khai mạc Hội nghị', durationMinutes: 10, presenter: 'Thứ trưởng Thường trực Bộ Ngoại giao', org: 'BNG' },
        { key: 'report', title: 'Báo cáo tổng kết 10 năm thực hiện Nghị quyết số 22-NQ/TW', durationMinutes: 20, presenter: 'Vụ Tổng hợp kinh tế, Bộ Ngoại giao', org: 'BNG' },
      ],
    },
    {
      title: 'Phiên thảo luận',
      items: [
        { key: 'local', title: 'Tham luận của các địa phương: hội nhập với nước láng giềng, kinh tế cửa khẩu, thu hút đầu tư', durationMinutes: 75 },
        { key: 'central', title: 'Ý kiến của các bộ, ngành: ngoại giao kinh tế, an ninh, tài chính và đầu tư', durationMinutes: 45 },
      ],
    },
    {
      title: 'Phiên bế mạc',
      items: [{ key: 'close', title: 'Phát biểu kết luận của đồng chí chủ trì Hội nghị', durationMinutes: 20, presenter: 'Thứ trưởng Thường trực Bộ Ngoại giao', org: 'BNG' }],
    },
  ],
  ministries: ['BCA', 'BQP', 'BCT', 'BTC', 'NHNN'],
  /** put to the vote at the end, by show of hands at every connected site */
  vote: { question: 'Thông qua Báo cáo tổng kết 10 năm thực hiện Nghị quyết số 22-NQ/TW để trình Bộ Chính trị' },
  /** invited, rosters sent in, but their consoles never connect */
  neverConnect: ['DIEN_BIEN', 'TUYEN_QUANG', 'CA_MAU'],
  /** [endpoint code, roster index, note] */
  excused: [
    ['HA_TINH', 1, 'Đi công tác nước ngoài'],
    ['BQP', 1, 'Tiếp đoàn công tác quốc tế'],
    ['HUE', 1, 'Dự họp Ban Thường vụ Thành ủy'],
    ['LAM_DONG', 1, 'Ốm, có đơn xin phép'],
  ],
  absent: [
    ['SON_LA', 1],
    ['VINH_LONG', 1],
  ],
  /** arrive more than 10 minutes after the start (only with --realtime: the api stamps arrivals with its own clock) */
  late: [
    ['NGHE_AN', 1],
    ['CAN_THO', 1],
    ['GIA_LAI', 1],
  ],
  /** in the order the chair gives the floor; `who` is a roster index; weight: relative length of the speech */
  speeches: [
    {
      code: 'BNG', who: 0, item: 'open', kind: 'prepared', minutes: 10, weight: 1.0,
      topic: 'Phát biểu khai mạc Hội nghị',
      summary: (p) => `Đồng chí ${p.fullName}, ${p.position}, phát biểu khai mạc; nêu mục đích của Hội nghị là đánh giá toàn diện 10 năm thực hiện Nghị quyết số 22-NQ/TW, rút ra bài học kinh nghiệm và đề xuất định hướng hội nhập quốc tế trong giai đoạn mới; đề nghị các đại biểu phát biểu ngắn gọn, tập trung vào điểm nghẽn và kiến nghị cụ thể.`,
    },
    {
      code: 'BNG', who: 1, item: 'report', kind: 'prepared', minutes: 20, weight: 1.6,
      topic: 'Báo cáo tổng kết 10 năm thực hiện Nghị quyết số 22-NQ/TW: kết quả, hạn chế và bài học kinh nghiệm',
      abstract: 'Từ năm 2013, Việt Nam nâng cấp quan hệ với 7 nước lên Đối tác chiến lược hoặc Đối tác chiến lược toàn diện và 7 nước lên Đối tác toàn diện, tham gia sâu rộng các hiệp định thương mại tự do; còn hạn chế về năng lực cạnh tranh và liên kết vùng.',
      summary: (p) => `Đồng chí ${p.fullName}, ${p.position}, trình bày dự thảo Báo cáo tổng kết: từ năm 2013 đến nay, Việt Nam đã nâng cấp quan hệ với 7 nước lên Đối tác chiến lược hoặc Đối tác chiến lược toàn diện và 7 nước lên Đối tác toàn diện, hình thành mạng lưới đối tác với 33 nước, trong đó có tất cả các nước lớn; tham gia sâu rộng vào nhiều hiệp định thương mại tự do (FTA) và hoạt động gìn giữ hòa bình. Báo cáo chỉ ra các hạn chế: năng lực cạnh tranh quốc gia còn yếu, việc tham gia chuỗi cung ứng toàn cầu chưa nhiều, liên kết vùng còn thiếu chặt chẽ.`,
    },
    {
      code: 'LANG_SON', who: 0, item: 'local', kind: 'prepared', minutes: 7, weight: 1.2,
      topic: 'Hội nhập quốc tế với nước láng giềng: hợp tác với Khu tự trị dân tộc Choang Quảng Tây (Trung Quốc)',
      abstract: 'Kết quả hợp tác toàn diện giữa tỉnh Lạng Sơn và Quảng Tây; kinh tế cửa khẩu; quản lý, bảo vệ chủ quyền biên giới; kiến nghị hỗ trợ của Bộ Ngoại giao.',
      summary: (p) => `Đồng chí ${p.fullName}, ${p.position}, trình bày tham luận về kết quả hợp tác toàn diện giữa tỉnh Lạng Sơn và Khu tự trị dân tộc Choang Quảng Tây (Trung Quốc), mở rộng quan hệ với các địa phương của các nước ASEAN, Nhật Bản, Hàn Quốc; gắn hội nhập với quản lý, bảo vệ vững chắc chủ quyền biên giới. Kiến nghị Bộ Ngoại giao hỗ trợ tỉnh thúc đẩy thí điểm mô hình cửa khẩu thông minh tại cửa khẩu Hữu Nghị.`,
    },
    {
      code: 'QUANG_NINH', who: 0, item: 'local', kind: 'prepared', minutes: 7, weight: 1.0,
      topic: 'Kinh tế cửa khẩu và kết nối hạ tầng khu vực Móng Cái – Đông Hưng',
      summary: (p) => `Đồng chí ${p.fullName}, ${p.position}, nêu kinh nghiệm của tỉnh Quảng Ninh trong phát triển kinh tế cửa khẩu, kết nối hạ tầng giao thông với khu vực Đông Hưng (Trung Quốc); đề nghị các bộ, ngành sớm hoàn thiện cơ chế quản lý chung khu vực cửa khẩu.`,
    },
    {
      code: 'THANH_PHO_HO_CHI_MINH', who: 0, item: 'local', kind: 'prepared', minutes: 7, weight: 1.1,
      topic: 'Thu hút nguồn lực quốc tế để nâng cao hiệu quả hội nhập; xây dựng trung tâm tài chính quốc tế',
      summary: (p) => `Đồng chí ${p.fullName}, ${p.position}, trình bày tham luận về thu hút các nguồn lực quốc tế, nhân lực chất lượng cao và nhà đầu tư chiến lược; kiến nghị cơ chế đặc thù cho trung tâm tài chính quốc tế tại Thành phố.`,
    },
    {
      code: 'DA_NANG', who: 0, item: 'local', kind: 'contribution', minutes: 5, weight: 0.8,
      topic: 'Ngoại giao văn hóa và quảng bá hình ảnh địa phương',
      summary: (p) => `Đồng chí ${p.fullName}, ${p.position}, phát biểu về ngoại giao văn hóa, thông tin đối ngoại và quảng bá hình ảnh địa phương gắn với phát triển du lịch, thu hút đầu tư.`,
    },
    {
      code: 'DAK_LAK', who: 0, item: 'local', kind: 'prepared', minutes: 7, weight: 0.9,
      topic: 'Xúc tiến thương mại, đầu tư cho cà phê và nông sản chủ lực của Tây Nguyên',
      summary: (p) => `Đồng chí ${p.fullName}, ${p.position}, nêu kết quả xúc tiến thương mại, đầu tư cho cà phê và các nông sản chủ lực; đề nghị tăng cường vai trò của các cơ quan đại diện Việt Nam ở nước ngoài trong kết nối thị trường.`,
    },
    {
      code: 'LAO_CAI', who: 0, item: 'local', kind: 'contribution', minutes: 5, weight: 0.7,
      topic: 'Hành lang kinh tế Côn Minh – Lào Cai – Hà Nội – Hải Phòng',
      summary: (p) => `Đồng chí ${p.fullName}, ${p.position}, kiến nghị đẩy nhanh kết nối hạ tầng trên hành lang kinh tế Côn Minh – Lào Cai – Hà Nội – Hải Phòng, trong đó có tuyến đường sắt khổ tiêu chuẩn.`,
    },
    {
      code: 'BCA', who: 0, item: 'central', kind: 'prepared', minutes: 7, weight: 0.9,
      topic: 'Bảo đảm an ninh, trật tự trong hội nhập quốc tế; quản lý xuất nhập cảnh',
      summary: (p) => `Đồng chí ${p.fullName}, ${p.position}, phát biểu về bảo đảm an ninh, trật tự trong quá trình hội nhập; đề xuất tiếp tục đơn giản hóa thủ tục xuất nhập cảnh cho nhà đầu tư, chuyên gia nước ngoài.`,
    },
    {
      code: 'BCT', who: 0, item: 'central', kind: 'prepared', minutes: 7, weight: 1.1, extendSeconds: 120,
      topic: 'Tận dụng các hiệp định thương mại tự do và chủ động phòng vệ thương mại',
      summary: (p) => `Đồng chí ${p.fullName}, ${p.position}, đề nghị các địa phương tận dụng tốt hơn các hiệp định thương mại tự do, chủ động cảnh báo sớm và ứng phó với các vụ việc phòng vệ thương mại.`,
    },
    {
      code: 'BTC', who: 0, item: 'central', kind: 'contribution', minutes: 5, weight: 0.7,
      topic: 'Thu hút đầu tư nước ngoài có chọn lọc, chất lượng cao',
      summary: (p) => `Đồng chí ${p.fullName}, ${p.position}, phát biểu về định hướng thu hút đầu tư nước ngoài có chọn lọc, ưu tiên công nghệ cao, đổi mới sáng tạo; đề nghị các địa phương phối hợp chặt chẽ trong xúc tiến đầu tư.`,
    },
    {
      code: 'BNG', who: 0, item: 'close', kind: 'prepared', minutes: 15, weight: 1.3,
      topic: 'Phát biểu kết luận Hội nghị',
      summary: (p) => `Đồng chí ${p.fullName}, ${p.position}, phát biểu kết luận Hội nghị, đánh giá cao các ý kiến tham luận của các địa phương và các bộ, ngành; nhấn mạnh hội nhập quốc tế vừa là cơ hội, vừa là thách thức, đề nghị các bộ, ngành, địa phương tiếp tục kiên định chiến lược hội nhập, linh hoạt trong thực hiện.`,
    },
  ],
  /** requests that never get the floor */
  rejected: { code: 'HA_NOI', who: 0, kind: 'contribution', item: 'local', topic: 'Hội nhập quốc tế của Thủ đô: thu hút các tổ chức quốc tế đặt trụ sở', reason: 'Hết thời gian thảo luận; đề nghị gửi tham luận bằng văn bản về Bộ Ngoại giao để tổng hợp' },
  withdrawn: { code: 'CAN_THO', who: 0, kind: 'contribution', item: 'local', topic: 'Hợp tác quốc tế ứng phó biến đổi khí hậu vùng Đồng bằng sông Cửu Long' },
  minutes: {
    opening: [
      { kind: 'heading', text: 'I. PHIÊN KHAI MẠC', item: 'open' },
      {
        kind: 'note',
        item: 'open',
        text: ({ invited, connected, provinces, ministries }) =>
          `Hội nghị được tổ chức theo hình thức trực tuyến, kết nối từ Trụ sở Bộ Ngoại giao tới điểm cầu ${provinces} tỉnh, thành phố trực thuộc Trung ương và ${ministries} bộ, ngành; ${connected}/${invited} điểm cầu kết nối.`,
      },
      {
        kind: 'note',
        item: 'open',
        text: () => 'Chủ trì: đồng chí Nguyễn Minh Vũ, Thứ trưởng Thường trực Bộ Ngoại giao. Tham dự tại điểm cầu Trụ sở Bộ Ngoại giao có lãnh đạo Vụ Tổng hợp kinh tế, Cục Ngoại vụ, Vụ Hợp tác kinh tế đa phương; tại các điểm cầu địa phương có lãnh đạo UBND và các sở, ban, ngành.',
      },
    ],
    discussion: [{ kind: 'heading', text: 'II. PHIÊN THẢO LUẬN', item: 'local' }],
    afterDiscussion: [
      {
        kind: 'note',
        item: 'central',
        text: () =>
          'Các ý kiến tham luận tập trung vào những nội dung cốt lõi: thu hút nguồn nhân lực để nâng cao vị thế; thu hút các nguồn lực quốc tế; đẩy mạnh xây dựng kết cấu hạ tầng để bứt phá trong hội nhập; phát huy thế mạnh của địa phương; những hạn chế về kiến thức luật pháp quốc tế của một bộ phận cán bộ và sự thiếu chặt chẽ trong liên kết vùng.',
      },
      { kind: 'heading', text: 'III. KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ HỘI NGHỊ', item: 'close' },
    ],
    conclusions: [
      'Hội nghị thống nhất đánh giá: sau 10 năm thực hiện Nghị quyết số 22-NQ/TW, công tác hội nhập quốc tế đạt nhiều kết quả quan trọng, góp phần nâng cao vị thế và uy tín của Việt Nam trên trường quốc tế; các địa phương ngày càng chủ động, tích cực mở rộng hợp tác, nhất là với các địa phương của nước láng giềng.',
      'Bên cạnh kết quả đạt được, còn một số hạn chế: kiến thức về luật pháp quốc tế của một số cán bộ phụ trách lĩnh vực còn hạn chế; việc tham gia chuỗi cung ứng toàn cầu chưa nhiều; năng lực cạnh tranh còn yếu; liên kết giữa các vùng, miền còn thiếu chặt chẽ.',
      'Xác định hội nhập quốc tế vừa là cơ hội, vừa là thách thức; các bộ, ngành, địa phương tiếp tục triển khai quyết liệt, đồng bộ các giải pháp, phát huy tối đa nội lực, huy động hiệu quả ngoại lực, phát huy tinh thần dám nghĩ, dám làm; kiên định chiến lược hội nhập, linh hoạt trong thực hiện.',
      'Các ý kiến, kiến nghị tại Hội nghị được tổng hợp, phục vụ hoàn thiện Báo cáo tổng kết 10 năm và xây dựng dự thảo Nghị quyết mới về hội nhập quốc tế trong tình hình mới.',
    ],
    tasks: [
      { lead: 'BNG', co: ['BCT', 'BTC', 'BCA', 'BQP'], inDays: 30, text: 'Chủ trì, phối hợp với các bộ, ngành, địa phương hoàn thiện Báo cáo tổng kết 10 năm thực hiện Nghị quyết số 22-NQ/TW, trình Chính phủ xem xét trước Hội nghị tổng kết.' },
      { lead: 'LANG_SON', co: ['BNG', 'BCT', 'BCA'], inDays: 45, text: 'Xây dựng Đề án nâng cao hiệu quả hợp tác với Khu tự trị dân tộc Choang Quảng Tây (Trung Quốc) giai đoạn 2026–2030, trong đó đề xuất thí điểm cửa khẩu thông minh tại cửa khẩu Hữu Nghị.' },
      { lead: 'BCT', co: ['BNG'], inDays: 60, text: 'Hướng dẫn các địa phương tận dụng các hiệp định thương mại tự do; vận hành hệ thống cảnh báo sớm về phòng vệ thương mại cho doanh nghiệp.' },
      { lead: 'BCA', co: ['BQP', 'LANG_SON', 'QUANG_NINH'], inDays: 90, text: 'Bảo đảm an ninh, trật tự tại các cửa khẩu; đề xuất đơn giản hóa thủ tục xuất nhập cảnh cho nhà đầu tư, chuyên gia nước ngoài.' },
      { lead: 'BTC', co: ['BNG', 'NHNN'], inDays: 60, text: 'Tổng hợp kiến nghị về cơ chế tài chính cho hoạt động đối ngoại của các địa phương; đề xuất sửa đổi quy định về kinh phí xúc tiến đầu tư.' },
      { lead: 'THANH_PHO_HO_CHI_MINH', co: ['BTC', 'NHNN'], inDays: 75, text: 'Hoàn thiện Đề án thu hút nguồn lực quốc tế cho Trung tâm tài chính quốc tế, gửi Bộ Tài chính thẩm định.' },
      { lead: 'QUANG_NINH', co: ['BXD', 'BCT'], inDays: 75, text: 'Hoàn thiện phương án kết nối hạ tầng giao thông khu vực cửa khẩu Móng Cái – Đông Hưng, báo cáo Bộ Xây dựng.' },
    ],
  },
};

// ---------------------------------------------------------------------------
// The upcoming seminar
// ---------------------------------------------------------------------------

export const SEMINAR = {
  title: 'Tọa đàm trực tuyến với các địa phương: ngoại giao kinh tế và thu hút nguồn lực quốc tế cho phát triển địa phương giai đoạn 2026–2030',
  description:
    'Tọa đàm trực tuyến giữa điểm cầu Bộ Ngoại giao và điểm cầu các tỉnh, thành phố, gồm hai phiên tham luận: (1) Những vấn đề đặt ra trong tiến trình hội nhập quốc tế 10 năm qua; (2) Phương hướng nâng cao hiệu quả hội nhập quốc tế của các địa phương trong thời gian tới. Ý kiến của các địa phương được tổng hợp phục vụ soạn thảo Nghị quyết về hội nhập quốc tế.',
  inDays: 7,
  start: '14:00',
  end: '17:00',
  hostLocation: 'Phòng họp trực tuyến tầng 3, Trụ sở Bộ Ngoại giao',
  agenda: [
    { title: 'Khai mạc', items: [{ key: 'open', title: 'Phát biểu khai mạc Tọa đàm', durationMinutes: 10, presenter: 'Thứ trưởng Thường trực Nguyễn Minh Vũ', org: 'BNG' }] },
    {
      title: 'Phiên 1: Những vấn đề đặt ra trong tiến trình hội nhập quốc tế 10 năm qua',
      items: [
        { key: 'neighbour', title: 'Tham luận: Hội nhập quốc tế với nước láng giềng – bài học và phương hướng', durationMinutes: 15, presenter: 'Ban Chỉ đạo Hội nhập quốc tế tỉnh Lạng Sơn', org: 'LS_BCDHNQT' },
        { key: 'people', title: 'Tham luận: Thu hút nguồn nhân lực để nâng cao vị thế địa phương', durationMinutes: 15, presenter: 'UBND thành phố Đà Nẵng', org: 'DA_NANG' },
        { key: 'talk1', title: 'Thảo luận', durationMinutes: 30 },
      ],
    },
    {
      title: 'Phiên 2: Phương hướng nâng cao hiệu quả hội nhập quốc tế của các địa phương',
      items: [
        { key: 'infra', title: 'Tham luận: Đẩy mạnh kết cấu hạ tầng để bứt phá trong hội nhập', durationMinutes: 15, presenter: 'UBND thành phố Hải Phòng', org: 'HAI_PHONG' },
        { key: 'strengths', title: 'Tham luận: Phát huy thế mạnh của địa phương trong hội nhập quốc tế', durationMinutes: 15, presenter: 'UBND tỉnh Khánh Hòa', org: 'KHANH_HOA' },
        { key: 'talk2', title: 'Thảo luận', durationMinutes: 30 },
      ],
    },
    { title: 'Bế mạc', items: [{ key: 'close', title: 'Phát biểu kết luận Tọa đàm', durationMinutes: 15, presenter: 'Thứ trưởng Thường trực Nguyễn Minh Vũ', org: 'BNG' }] },
  ],
  endpoints: ['LANG_SON', 'QUANG_NINH', 'HAI_PHONG', 'DA_NANG', 'KHANH_HOA', 'THANH_PHO_HO_CHI_MINH', 'CAN_THO', 'LAO_CAI', 'CAO_BANG', 'AN_GIANG', 'NGHE_AN'],
  /** endpoints whose operators have sent in their roster already */
  rosters: ['BNG', 'LANG_SON', 'DA_NANG', 'HAI_PHONG', 'KHANH_HOA', 'QUANG_NINH'],
  /** prepared contributions registered ahead; `approve`: already accepted by the secretariat */
  requests: [
    { code: 'LANG_SON', who: 1, item: 'neighbour', minutes: 10, approve: true, topic: 'Hội nhập quốc tế với nước láng giềng; bài học thời gian qua và phương hướng, giải pháp thời gian tới', abstract: 'Kết quả hợp tác toàn diện giữa tỉnh Lạng Sơn và Khu tự trị dân tộc Choang Quảng Tây (Trung Quốc); kiến nghị Bộ Ngoại giao quan tâm, hỗ trợ tỉnh nâng cao hiệu quả hội nhập quốc tế.' },
    { code: 'DA_NANG', who: 0, item: 'people', minutes: 10, topic: 'Thu hút chuyên gia, nhân lực chất lượng cao người nước ngoài và kiều bào' },
    { code: 'HAI_PHONG', who: 0, item: 'infra', minutes: 10, topic: 'Cảng biển, logistics và kết nối hạ tầng vùng duyên hải Bắc Bộ' },
  ],
};
