import { AlignmentType, Paragraph, Table } from 'docx';
import type { MeetingSummary, NoticeAgency, NoticeContent, NoticeWording } from '@app/contracts';
import { compareVietnamese } from '@app/vietnamese';
import type { SummaryFacts } from './compose';
import { a4Document, body, centered, dateLineVi, deadlineVi, headingBlock, para, recipientsAndSignature, rule, run, type DocxOptions } from './docx';

const sentence = (s: string) => (/[.!?…:;]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** "Phó Thủ tướng Chính phủ Trần Hồng Hà": the chair as the notice names them */
const chairTitle = (chair: MeetingSummary['meeting']['chair']) => (chair ? [chair.position, chair.fullName].filter(Boolean).join(' ') : 'chủ trì cuộc họp');

/**
 * Pure: the notice's text from a published revision's summary (and its facts, for the agencies' ids).
 * Conclusions in the minutes' order; tasks by lead agency in Vietnamese order, each with its co-operating
 * bodies and deadline; the agencies named (lead first, then those only co-operating) are its recipients.
 */
export function composeNotice(summary: MeetingSummary, facts: Pick<SummaryFacts, 'entries' | 'organizationNames'>): NoticeContent {
  const { meeting } = summary;
  const name = (id: string) => facts.organizationNames.get(id) ?? id;
  const leads = new Set<string>();
  const cos = new Set<string>();
  for (const e of facts.entries) {
    if (e.kind !== 'task' || !e.leadOrganizationId) continue;
    leads.add(e.leadOrganizationId);
    e.coOrganizationIds.forEach((id) => cos.add(id));
  }
  const byName = (a: NoticeAgency, b: NoticeAgency) => compareVietnamese(a.name, b.name);
  const agencies: NoticeAgency[] = [
    ...[...leads].map((id) => ({ organizationId: id, name: name(id), role: 'lead' as const })).sort(byName),
    ...[...cos].filter((id) => !leads.has(id)).map((id) => ({ organizationId: id, name: name(id), role: 'co' as const })).sort(byName),
  ];
  const held = new Date(meeting.actualStart ?? meeting.scheduledStart);
  const chair = chairTitle(meeting.chair);
  const sites = summary.endpoints.list.filter((e) => !e.isHost).map((e) => e.organizationName);
  const opening =
    `${dateLineVi(held).replace(/^n/, 'N')}, tại ${meeting.hostOrganizationName}, ${chair} đã chủ trì ${meeting.title}.` +
    (sites.length ? ` Tham dự có đại diện ${sites.join(', ')}.` : '') +
    ` Sau khi nghe báo cáo và ý kiến phát biểu của các đại biểu, ${chair} kết luận như sau:`;
  return {
    subject: `Kết luận của ${chair} tại ${meeting.title}`,
    opening,
    issuingBody: meeting.hostOrganizationName,
    parentBody: meeting.hostParentName,
    hostCode: meeting.hostCode,
    conclusions: summary.conclusions.map((c) => sentence(c.agendaItemTitle ? `Về ${c.agendaItemTitle}: ${c.text}` : c.text)),
    tasks: summary.tasks.flatMap((g) =>
      g.tasks.map((t) => sentence(`${g.leadOrganizationName} chủ trì${t.coOrganizations.length ? `, phối hợp với ${t.coOrganizations.join(', ')}` : ''}: ${sentence(t.description)} Thời hạn: ${deadlineVi(t.deadline)}`)),
    ),
    signature: [`TL. ${(meeting.chair?.position ?? 'Chủ trì cuộc họp').toUpperCase()}`, 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG'],
    agencies,
  };
}

/**
 * The notice in the Decree 30/2020 layout: the heading of the summary report with the number "Số: /TB-...",
 * "THÔNG BÁO" and its subject, the opening, the conclusions numbered, the tasks (the secretariat's wording
 * when it edited them), the closing line, "Nơi nhận" naming every agency and the signature block.
 */
export async function renderNoticeDocx(content: NoticeContent, wording: NoticeWording | null, date: Date, options: DocxOptions = {}): Promise<Buffer> {
  const text = wording ?? content;
  const n = text.conclusions.length;
  const heading = headingBlock(
    { meeting: { hostOrganizationName: content.issuingBody, hostParentName: content.parentBody, hostCode: content.hostCode } as MeetingSummary['meeting'], generatedAt: date.toISOString() },
    options,
    'TB',
  );
  const children: (Paragraph | Table)[] = [
    heading,
    para([run('THÔNG BÁO', { bold: true })], { alignment: AlignmentType.CENTER, spacing: { before: 360, after: 0 } }),
    centered([run(content.subject, { bold: true })]),
    rule(165, 40),
    body(content.opening),
    ...text.conclusions.map((c, i) => body(`${i + 1}. ${c}`)),
    ...(text.tasks.length ? [body([run(`${n + 1}. Tổ chức thực hiện:`, { bold: true })]), ...text.tasks.map((t) => body(`- ${t}`))] : []),
    body(`${content.issuingBody} thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.`, { spacing: { before: 120, after: 240 } }),
    signatureBlock(content),
  ];
  return a4Document(children, { creator: content.issuingBody, title: `Thông báo ${content.subject}`, description: 'Thông báo kết luận' });
}

function signatureBlock(content: NoticeContent) {
  return recipientsAndSignature(
    [...content.agencies.map((a) => `- ${a.name};`), `- Lưu: VT, ${content.hostCode ?? content.issuingBody}.`],
    content.signature.map((line, i) => centered([run(line, { bold: true })], i === content.signature.length - 1 ? { spacing: { after: 1200 } } : {})),
  );
}
