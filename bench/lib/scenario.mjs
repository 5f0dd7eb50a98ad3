// Speaker-queue set-up shared by the benchmarks that change the queue.
import { mapLimit } from './api.mjs';

/** One checked-in speaker per endpoint with one approved ordinary request; returns the request ids in queue order. */
export async function approvedQueue(m) {
  const rows = await mapLimit(m.endpoints, 4, async (e, i) => {
    const attendee = await m.organizer.post(`${m.base}/endpoints/${e.id}/attendees`, { fullName: `Đại biểu ${e.organizationShortName ?? i + 1}`, position: 'Phó Chủ tịch UBND tỉnh', walkIn: true });
    return m.organizer.post(`${m.base}/speech-requests`, {
      endpointId: e.id,
      attendeeId: attendee.id,
      kind: 'contribution',
      topic: `Ý kiến của ${e.organizationShortName ?? 'điểm cầu'} về chuyển đổi số trong quản lý nhà nước và cải cách thủ tục hành chính`,
    });
  });
  for (const r of rows) await m.chair.post(`${m.base}/speech-requests/${r.id}/approve`);
  return rows.sort((a, b) => a.position - b.position).map((r) => r.id);
}

/**
 * A queue change the chair can repeat forever: move the last request to the
 * front. `order` is updated in place; the command's answer is the new order.
 */
export function rotateCommand(m, order, session = m.chair) {
  return async () => {
    const id = order[order.length - 1];
    const r = await session.raw('POST', `${m.base}/speech-requests/${id}/move`, { position: 0 });
    if (r.status === 200) {
      order.splice(order.length - 1, 1);
      order.unshift(id);
    }
    return r;
  };
}
