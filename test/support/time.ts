/** A Vietnam wall-clock time `offset` days from now, as the API takes it ("2026-12-01T08:00"). */
export const day = (offset: number, time: string) => `${localDay(offset)}T${time}`;

/** The date in Asia/Ho_Chi_Minh `offset` days from now. */
export const localDay = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10);
