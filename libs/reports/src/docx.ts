import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { PLATFORM_TIME_ZONE, type MeetingKind, type MeetingSummary, type SpeechKind } from '@app/contracts';

/** The kind of a speech as the report names it. */
const SPEECH_KIND_VI: Record<SpeechKind, string> = { prepared: 'Tham luận', contribution: 'Phát biểu', for: 'Phát biểu ủng hộ', against: 'Phát biểu phản đối', intervention: 'Can thiệp', interposed_question: 'Câu hỏi xen', point_of_order: 'Kiến nghị thủ tục' };
import { exportText } from '@app/vietnamese';
import { formatDurationVi } from './compose';
import { modeWords, percentVi } from './voting-words';

/**
 * The summary as a Vietnamese administrative report in the layout Decree
 * 30/2020/NĐ-CP (Appendix I) sets: A4, margins 20/20/30/15 mm, Times New
 * Roman 14 pt body, the issuing body and number on the left and the national
 * heading and motto on the right, place and date, the title "BÁO CÁO" with
 * its subject, numbered sections, recipients and the signature block.
 */
export interface DocxOptions {
  /** where the report is issued, for the date line */
  place?: string;
  /** the day the report is dated; defaults to generatedAt */
  date?: Date;
}

/** millimetres to twentieths of a point, rounded (A4 is 11906 x 16838) */
export const mm = (v: number) => Math.round((v * 1440) / 25.4);
const FONT = 'Times New Roman';
export const PT = (n: number) => n * 2; // docx sizes are half-points
const BODY = PT(14);

const KIND_NAMES: Record<MeetingKind, string> = {
  plenary: 'Hội nghị toàn thể',
  conference: 'Hội nghị',
  seminar: 'Hội thảo',
  working: 'Cuộc họp làm việc',
};

const LOCAL_PARTS = new Intl.DateTimeFormat('en-GB', { timeZone: PLATFORM_TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
const parts = (d: Date) => {
  const all = Object.fromEntries(LOCAL_PARTS.formatToParts(d).map((p) => [p.type, p.value]));
  const two = (v: string) => v.padStart(2, '0');
  return { day: two(all.day), month: two(all.month), year: all.year, hour: two(all.hour), minute: two(all.minute) };
};
/** "ngày 05 tháng 12 năm 2026" (Decree 30 writes days and months below 10 with a leading zero for 1, 2 only; we keep two digits for the day, as most ministries do) */
export const dateLineVi = (d: Date) => {
  const p = parts(d);
  const month = Number(p.month) <= 2 ? p.month : String(Number(p.month));
  const day = Number(p.day) < 10 ? p.day : String(Number(p.day));
  return `ngày ${day} tháng ${month} năm ${p.year}`;
};
export const timeVi = (iso: string | null) => {
  if (!iso) return '—';
  const p = parts(new Date(iso));
  return `${p.hour} giờ ${p.minute}`;
};
export const dateTimeVi = (iso: string | null) => (iso ? `${timeVi(iso)}, ${dateLineVi(new Date(iso))}` : '—');
const shortTime = (iso: string | null) => {
  if (!iso) return '—';
  const p = parts(new Date(iso));
  return `${p.hour}:${p.minute}`;
};
export const deadlineVi = (d: string | null) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : 'không ghi hạn');

const roman = (n: number) => ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][n - 1] ?? String(n);

/**
 * a run of text; the font and the body size come from the document's default style.
 * Every word of the report passes here, so exportText (no bidi controls) holds for
 * the whole DOCX and for the PDF LibreOffice prints from it.
 */
export function run(text: string, options: Omit<IRunOptions, 'text'> = {}) {
  return new TextRun({ text: exportText(text), ...options });
}
export function para(children: (string | TextRun)[], options: Omit<IParagraphOptions, 'children'> = {}) {
  return new Paragraph({ spacing: { before: 0, after: 120, line: 276 }, ...options, children: children.map((c) => (typeof c === 'string' ? run(c) : c)) });
}
export const body = (text: string | TextRun[], options: Omit<IParagraphOptions, 'children'> = {}) =>
  para(typeof text === 'string' ? [text] : text, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: mm(10) }, ...options });
export const centered = (children: TextRun[], options: Omit<IParagraphOptions, 'children'> = {}) => para(children, { alignment: AlignmentType.CENTER, spacing: { after: 0 }, ...options });
/** a short rule under a heading line, as long as `lengthMm`, in a column `columnMm` wide */
export const rule = (columnMm: number, lengthMm: number) =>
  new Paragraph({
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    indent: { left: mm((columnMm - lengthMm) / 2), right: mm((columnMm - lengthMm) / 2) },
    spacing: { before: 60, after: 120 },
    children: [],
  });

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };

/** the issuing body and number (left), the national heading and the place and date (right); `docType` is the number's sign: BC, TB */
export function headingBlock(summary: Pick<MeetingSummary, 'meeting' | 'generatedAt'>, options: DocxOptions, docType = 'BC') {
  const left = 70;
  const right = 95;
  const issuing = summary.meeting.hostOrganizationName.toUpperCase();
  const parent = summary.meeting.hostParentName?.toUpperCase() ?? null;
  const date = options.date ?? new Date(summary.generatedAt);
  const cell = (width: number, children: Paragraph[]) => new TableCell({ width: { size: mm(width), type: WidthType.DXA }, borders: NO_BORDERS, children, verticalAlign: VerticalAlign.TOP });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: mm(left + right), type: WidthType.DXA },
    columnWidths: [mm(left), mm(right)],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(left, [
            ...(parent ? [centered([run(parent, { size: PT(13) })])] : []),
            centered([run(issuing, { size: PT(13), bold: true })]),
            rule(left, 22),
            centered([run(`Số:        /${docType}-${summary.meeting.hostCode ?? ''}`, { size: PT(13) })]),
          ]),
          cell(right, [
            centered([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: PT(12), bold: true })]),
            centered([run('Độc lập - Tự do - Hạnh phúc', { size: PT(14), bold: true })]),
            rule(right, 60),
            centered([run(`${options.place ?? 'Hà Nội'}, ${dateLineVi(date)}`, { italics: true })]),
          ]),
        ],
      }),
    ],
  });
}

function grid(headers: string[], rows: string[][], widthsMm: number[]) {
  const cell = (text: string, width: number, header: boolean, alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT) =>
    new TableCell({
      width: { size: mm(width), type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      children: [para([run(text, { size: PT(12), bold: header })], { alignment: header ? AlignmentType.CENTER : alignment, spacing: { before: 20, after: 20 } })],
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: mm(widthsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: widthsMm.map(mm),
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, widthsMm[i], true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, widthsMm[i], false, i === 0 || /^\d/.test(c) ? AlignmentType.CENTER : AlignmentType.LEFT)) })),
    ],
  });
}

const section = (n: number, title: string) => para([run(`${roman(n)}. ${title.toUpperCase()}`, { bold: true })], { spacing: { before: 200, after: 120 }, indent: { firstLine: mm(10) } });
const subsection = (n: number, title: string) => para([run(`${n}. ${title}`, { bold: true })], { indent: { firstLine: mm(10) } });

/** The report's text content, section by section; the same words the tests read back from the DOCX and PDF. */
export function reportTitle(summary: MeetingSummary) {
  return `Kết quả ${KIND_NAMES[summary.meeting.kind].toLowerCase()} “${summary.meeting.title}”`;
}

export async function renderSummaryDocx(summary: MeetingSummary, options: DocxOptions = {}): Promise<Buffer> {
  const { meeting, endpoints, attendance, speakers } = summary;
  const revisionLine =
    summary.minutes.revision > 0
      ? `Báo cáo được lập từ biên bản phát hành lần ${summary.minutes.revision} (${dateTimeVi(summary.minutes.publishedAt)}; mã kiểm tra SHA-256 ${summary.minutes.contentHash?.slice(0, 16)}…).`
      : 'Báo cáo được lập từ bản ghi biên bản tại thời điểm kết thúc cuộc họp, chưa phải biên bản đã phát hành.';
  let n = 0;
  const children: (Paragraph | Table)[] = [
    headingBlock(summary, options),
    para([run('BÁO CÁO', { bold: true })], { alignment: AlignmentType.CENTER, spacing: { before: 360, after: 0 } }),
    centered([run(reportTitle(summary), { bold: true })]),
    rule(165, 40),

    section(++n, 'Thông tin chung'),
    body([run('Tên cuộc họp: ', { bold: true }), run(meeting.title)]),
    body([run('Hình thức: ', { bold: true }), run(`${KIND_NAMES[meeting.kind]} trực tuyến; cơ quan chủ trì: ${meeting.hostOrganizationName}.`)]),
    body([run('Chủ trì: ', { bold: true }), run(meeting.chair ? `${meeting.chair.fullName}${meeting.chair.position ? `, ${meeting.chair.position}` : ''}.` : 'chưa ghi nhận.')]),
    body([
      run('Thời gian theo kế hoạch: ', { bold: true }),
      run(`từ ${timeVi(meeting.scheduledStart)} đến ${timeVi(meeting.scheduledEnd)}, ${dateLineVi(new Date(meeting.scheduledStart))} (${formatDurationVi(meeting.plannedMinutes * 60)}).`),
    ]),
    body([
      run('Thời gian thực tế: ', { bold: true }),
      run(
        meeting.actualStart
          ? `từ ${timeVi(meeting.actualStart)} đến ${timeVi(meeting.actualEnd)}, ${dateLineVi(new Date(meeting.actualStart))}${meeting.actualMinutes !== null ? ` (${formatDurationVi(meeting.actualMinutes * 60)})` : ''}.`
          : 'cuộc họp chưa bắt đầu.',
      ),
    ]),
    ...(meeting.agenda.length ? [body([run('Chương trình: ', { bold: true }), run(meeting.agenda.map((a, i) => `(${i + 1}) ${a}`).join('; ') + '.')])] : []),

    section(++n, 'Điểm cầu và thành phần tham dự'),
    subsection(1, 'Kết nối điểm cầu'),
    body(`Số điểm cầu được triệu tập: ${endpoints.invited}; số điểm cầu đã kết nối: ${endpoints.connected}; số điểm cầu không kết nối: ${endpoints.missing.length}.`),
    ...(endpoints.missing.length
      ? [body(`Các điểm cầu không kết nối: ${endpoints.missing.map((m) => m.organizationName).join('; ')}.`)]
      : [body('Tất cả các điểm cầu được triệu tập đều đã kết nối.')]),
    subsection(2, 'Điểm danh đại biểu'),
    body(
      `Tổng số đại biểu được triệu tập: ${attendance.expected}; có mặt: ${attendance.present} (trong đó đến muộn: ${attendance.late}); vắng có lý do: ${attendance.excused}; vắng không có lý do: ${attendance.absent}.`,
    ),
    ...(summary.sites
      ? [
          // a conference down to the communes: one row per province with its communes, not 3,355 rows
          body(`Tổng số đại biểu có mặt tại các điểm cầu (theo danh sách và theo số lượng báo cáo): ${summary.sites.people.toLocaleString('vi-VN')}.`),
          grid(
            ['TT', 'Điểm cầu', 'Số điểm cầu', 'Đã kết nối', 'Đại biểu có mặt', 'Chưa báo số lượng'],
            summary.sites.groups.map((g, i) => [String(i + 1), g.organizationName, String(g.sites), String(g.connected), g.people.toLocaleString('vi-VN'), String(g.unreported)]),
            [10, 70, 22, 22, 26, 22],
          ),
        ]
      : [
    grid(
      ['TT', 'Điểm cầu', 'Kết nối', 'Triệu tập', 'Có mặt', 'Muộn', 'Vắng có lý do', 'Vắng'],
      endpoints.list.map((e, i) => [
        String(i + 1),
        e.organizationName + (e.isHost ? ' (điểm cầu chính)' : ''),
        e.connected ? `Có (${shortTime(e.firstConnectedAt)})` : 'Không',
        String(e.attendance.expected),
        String(e.attendance.present),
        String(e.attendance.late),
        String(e.attendance.excused),
        String(e.attendance.absent),
      ]),
      [10, 55, 22, 17, 15, 13, 18, 15],
    ),
        ]),

    section(++n, 'Ý kiến phát biểu'),
    body(`Có ${speakers.turns.length} lượt phát biểu, tổng thời lượng ${formatDurationVi(speakers.totalSeconds)}.`),
    ...(speakers.turns.length
      ? [
          grid(
            ['TT', 'Điểm cầu', 'Người phát biểu', 'Nội dung', 'Thời gian', 'Thời lượng'],
            speakers.turns.map((t) => [
              String(t.order),
              t.endpointName,
              t.fullName + (t.position ? `, ${t.position}` : ''),
              [t.kind ? SPEECH_KIND_VI[t.kind] : null, t.topic ?? (t.agendaItemTitle ? `Về: ${t.agendaItemTitle}` : null)].filter(Boolean).join(': ') + (t.document ? ` (tài liệu tham luận: ${t.document.fileName})` : ''),
              `${shortTime(t.startedAt)}–${shortTime(t.endedAt)}`,
              formatDurationVi(t.durationSeconds),
            ]),
            [10, 33, 40, 42, 20, 20],
          ),
          body('Thời lượng phát biểu theo điểm cầu:', { spacing: { before: 160, after: 120 } }),
          grid(
            ['TT', 'Điểm cầu', 'Số lượt', 'Thời lượng'],
            speakers.perEndpoint.map((p, i) => [String(i + 1), p.endpointName, String(p.turns), formatDurationVi(p.seconds)]),
            [10, 95, 25, 35],
          ),
        ]
      : []),

    ...(summary.polls?.length ? [section(++n, 'Kết quả biểu quyết'), ...summary.polls.flatMap((p, i) => pollBlock(p, i + 1))] : []),

    section(++n, 'Kết luận'),
    ...(summary.conclusions.length
      ? summary.conclusions.map((c, i) => body([run(`${i + 1}. `), ...(c.agendaItemTitle ? [run(`Về ${c.agendaItemTitle}: `, { italics: true })] : []), run(c.text)]))
      : [body('Biên bản chưa ghi kết luận.')]),

    section(++n, 'Nhiệm vụ được giao'),
    ...(summary.tasks.length
      ? summary.tasks.flatMap((g, gi) => [
          subsection(gi + 1, `${g.leadOrganizationName} chủ trì`),
          ...g.tasks.map((t) =>
            body(`- ${t.description}${t.coOrganizations.length ? ` Cơ quan phối hợp: ${t.coOrganizations.join(', ')}.` : ''} Thời hạn: ${deadlineVi(t.deadline)}.`),
          ),
        ])
      : [body('Biên bản chưa ghi nhiệm vụ được giao.')]),

    body(revisionLine, { spacing: { before: 200, after: 240 } }),
    signature(summary),
  ];

  return a4Document(children, { creator: meeting.hostOrganizationName, title: `Báo cáo ${meeting.title}`, description: `Báo cáo kết quả cuộc họp, biên bản lần ${summary.minutes.revision}` });
}

/** An A4 document in the Decree 30 margins, Times New Roman 14 pt, its pages numbered at the foot from the second. */
export async function a4Document(children: (Paragraph | Table)[], meta: { creator: string; title: string; description: string }): Promise<Buffer> {
  const document = new Document({
    creator: exportText(meta.creator),
    title: exportText(meta.title),
    description: exportText(meta.description),
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) },
          },
          titlePage: true,
        },
        footers: {
          default: new Footer({ children: [para([new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: PT(13) })], { alignment: AlignmentType.CENTER })] }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(document));
}

/** One poll: how it was put, the counts with their shares, the outcome, the names of a named vote and the digest. */
function pollBlock(p: NonNullable<MeetingSummary['polls']>[number], index: number): (Paragraph | Table)[] {
  const head = subsection(index, p.question);
  const how = body(
    `${p.agendaItemTitle ? `Nội dung: ${p.agendaItemTitle}. ` : ''}Hình thức: biểu quyết ${p.secret ? 'kín' : 'công khai'}, ${modeWords(p.mode)}; điều kiện thông qua: ${p.rule}.` +
      (p.openedAt ? ` Thời gian: ${shortTime(p.openedAt)}–${shortTime(p.closedAt)}.` : ''),
  );
  if (p.status === 'cancelled' || !p.result) return [head, how, body(`Cuộc biểu quyết đã bị hủy${p.cancelledReason ? `: ${p.cancelledReason}` : ''}.`)];
  const r = p.result;
  const blocks: (Paragraph | Table)[] = [
    head,
    how,
    body(`Số thành viên: ${r.members}; có mặt khi biểu quyết: ${r.present}${r.quorumMet ? '' : ' (không đủ số thành viên có mặt theo quy định)'}; tham gia biểu quyết: ${r.participants}; số phiếu biểu quyết: ${r.cast}.`),
    grid(
      ['Phương án', 'Số phiếu', 'Tỷ lệ số phiếu biểu quyết', 'Tỷ lệ tổng số thành viên'],
      r.options.map((o) => [o.label + (o.elected ? ' (trúng cử)' : ''), String(o.count), (o.abstain ? null : percentVi(o.ofCast)) ?? '—', percentVi(o.ofMembers) ?? '—']),
      [60, 25, 40, 40],
    ),
    body([run('Kết quả: ', { bold: true }), run(`${r.outcome}${p.status === 'closed' ? ' (kết quả chưa được công bố)' : ''}.`)], { spacing: { before: 160, after: 120 } }),
  ];
  if (r.sites.length) {
    blocks.push(
      body('Số biểu quyết do các điểm cầu báo cáo:'),
      grid(['TT', 'Điểm cầu', ...r.sites[0].counts.map((c) => c.label)], r.sites.map((s, i) => [String(i + 1), s.endpointName, ...s.counts.map((c) => String(c.count))]), [10, 75, ...r.sites[0].counts.map(() => Math.floor(80 / r.sites[0].counts.length))]),
    );
  }
  if (r.named.length) {
    blocks.push(
      body('Danh sách biểu quyết:', { spacing: { before: 160, after: 120 } }),
      grid(['TT', 'Đại biểu', 'Điểm cầu', 'Lựa chọn'], r.named.map((b, i) => [String(i + 1), b.fullName, b.endpointName, b.choices.join(', ')]), [10, 55, 55, 45]),
    );
  }
  blocks.push(body(`Mã kiểm tra kết quả (SHA-256): ${r.digest}.`, { spacing: { before: 120, after: 200 } }));
  return blocks;
}

function signature(summary: MeetingSummary) {
  const chair = summary.meeting.chair;
  return recipientsAndSignature(
    ['- Các cơ quan được giao nhiệm vụ;', '- Các điểm cầu tham dự;', `- Lưu: VT, ${summary.meeting.hostOrganizationName}.`],
    [
      centered([run('CHỦ TRÌ', { bold: true })]),
      centered([run(chair?.position?.toUpperCase() ?? '', { bold: true })], { spacing: { after: 1200 } }),
      centered([run(chair?.fullName ?? '', { bold: true })]),
    ],
  );
}

/** The foot of a Decree 30 document: "Nơi nhận:" and its lines on the left, the signature block on the right. */
export function recipientsAndSignature(recipients: string[], signatureBlock: Paragraph[]) {
  const left = 80;
  const right = 85;
  const cell = (width: number, children: Paragraph[]) => new TableCell({ width: { size: mm(width), type: WidthType.DXA }, borders: NO_BORDERS, children });
  const small = (text: string) => para([run(text, { size: PT(11) })], { spacing: { after: 0 } });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: mm(left + right), type: WidthType.DXA },
    columnWidths: [mm(left), mm(right)],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [cell(left, [para([run('Nơi nhận:', { size: PT(12), bold: true, italics: true })], { spacing: { after: 0 } }), ...recipients.map(small)]), cell(right, signatureBlock)],
      }),
    ],
  });
}
