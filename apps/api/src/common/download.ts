import type { Response } from 'express';
import { foldForSearch, stripBidiControls } from '@app/vietnamese';

/** "Hội nghị Chính phủ với địa phương" -> "hoi-nghi-chinh-phu-voi-dia-phuong" (for file names that must be ASCII) */
export const asciiSlug = (text: string, max = 60) =>
  foldForSearch(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max) || 'file';

/**
 * Sends a file to download: an ASCII name for old clients and the Vietnamese
 * name (RFC 6266 / RFC 5987 filename*) for the rest, without bidi controls
 * (a U+202E in a meeting title would show the rest of the name, extension
 * included, reversed).
 */
export function sendDownload(res: Response, file: { contentType: string; name: string; ext: string; body: Buffer | string }) {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', attachmentDisposition(file.name, file.ext));
  res.send(file.body);
}

/** The Content-Disposition of a download named `name`.`ext` (see sendDownload). */
export function attachmentDisposition(name: string, ext: string): string {
  const ascii = `${asciiSlug(name)}.${ext}`;
  const utf8 = encodeURIComponent(`${stripBidiControls(name.normalize('NFC')).replace(/[\\/:*?"<>|]+/g, '-').slice(0, 120)}.${ext}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
