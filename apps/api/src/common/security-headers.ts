import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * The web app's policy. Everything it loads is its own: Vite's built chunks and stylesheet
 * (/assets), the api and Socket.IO on the same origin ('self' covers ws:/wss: to the same host
 * in CSP 3, which Chromium follows), mediasoup over WebRTC (media flows over ICE, which CSP
 * does not govern). No inline script anywhere, so no 'unsafe-inline' for scripts; React's
 * style={{...}} props are set through the CSSOM, which CSP does not restrict, so style-src
 * needs no 'unsafe-inline' either. blob: for images and media: downloads and previews built
 * in the page (URL.createObjectURL), and local camera previews.
 */
const WEB_APP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * JSON, downloads (reports, attendance exports, calendars) and everything else under /api: nothing
 * may load, and a file opened in the browser instead of saved runs sandboxed (no script, no origin).
 */
const API = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
  sandbox: [],
};

/**
 * Pages served by libraries, not by our build: Swagger UI (/api/docs) and bull-board
 * (/admin/queues). Their scripts are files of their own, but both put a <style> block in the
 * page and icons as data: URLs.
 */
const LIBRARY_PAGE = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Camera and microphone for the app's own pages only; features it never uses are off everywhere. */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=(self)',
  'fullscreen=(self)',
  'display-capture=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'hid=()',
  'midi=()',
  'magnetometer=()',
  'gyroscope=()',
  'accelerometer=()',
  'browsing-topics=()',
].join(', ');

/** The same protections on Engine.IO's long-polling answers, which never pass through Express. */
export const SOCKET_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': PERMISSIONS_POLICY,
};

/** One year; sent only on a request that arrived over TLS (directly, or per X-Forwarded-Proto with TRUST_PROXY). */
const HSTS = 'max-age=31536000; includeSubDomains';

const csp = (directives: Record<string, string[]>) => helmet.contentSecurityPolicy({ useDefaults: false, directives });

/**
 * Security headers on every HTTP response of the api process: helmet's set (nosniff, frame
 * denial, Referrer-Policy, cross-origin isolation of resources), a Content-Security-Policy
 * chosen by path, Permissions-Policy, and HSTS when the request came over TLS. Referrer-Policy
 * is no-referrer: a delegate's ballot link carries its secret in the URL.
 */
export function securityHeaders(libraryPages: string[]): RequestHandler[] {
  const base = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: false, // below: only over TLS, where it means something
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  const web = csp(WEB_APP);
  const api = csp(API);
  const library = csp(LIBRARY_PAGE);
  const byPath = (req: Request, res: Response, next: NextFunction) => {
    if (libraryPages.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return library(req, res, next);
    if (req.path === '/api' || req.path.startsWith('/api/')) return api(req, res, next);
    return web(req, res, next);
  };
  const rest = (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  };
  return [base, byPath, rest];
}
