import { stripBidiControls } from '@app/vietnamese';

/**
 * A stored name as shown: without bidirectional controls and isolated from the
 * text around it (<bdi>), so a name holding U+202E (or stored before names were
 * normalized) cannot reorder itself or its neighbours on screen.
 */
export function Name({ text }: { text: string | null | undefined }) {
  return text ? <bdi>{stripBidiControls(text)}</bdi> : null;
}

/** The same for a name inside a sentence built as a string. */
export const plainName = (text: string | null | undefined) => stripBidiControls(text ?? '');
