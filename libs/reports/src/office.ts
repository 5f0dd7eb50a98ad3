import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * The UNO bridge: connects to a running LibreOffice, then converts one
 * document per line of stdin ({"id","in","out"}) and answers on stdout. When
 * its stdin closes or its parent goes (the node process went away, even by
 * SIGKILL of its whole process group) it shuts LibreOffice down, so no office
 * outlives the process that started it.
 */
const BRIDGE = String.raw`
import sys, json, time, os, threading, uno
from com.sun.star.beans import PropertyValue
def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
office = {}
parent = os.getppid()
def watch():
    # the node process went away (even by SIGKILL): take the office down and go
    while os.getppid() == parent:
        time.sleep(0.5)
    try:
        office["desktop"].terminate()
    except Exception:
        pass
    os._exit(0)
threading.Thread(target=watch, daemon=True).start()
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
deadline = time.time() + 90
while True:
    try:
        ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % sys.argv[1]); break
    except Exception:
        if time.time() > deadline: raise
        time.sleep(0.1)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
office["desktop"] = desktop
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(req["in"]), "_blank", 0, (prop("Hidden", True), prop("ReadOnly", True)))
        try:
            doc.storeToURL(uno.systemPathToFileUrl(req["out"]), (prop("FilterName", req.get("filter", "writer_pdf_Export")),))
        finally:
            doc.close(True)
        print(json.dumps({"id": req["id"], "ok": True}), flush=True)
    except Exception as e:
        print(json.dumps({"id": req["id"], "ok": False, "error": str(e)}), flush=True)
try:
    desktop.terminate()
except Exception:
    pass
`;

/** The places soffice is looked for when OFFICE_BIN is not set. */
const USUAL_SOFFICE = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'];
/** How long one look for soffice holds: a job asks each time, a burst of jobs looks once. */
const DETECT_CACHE_MS = 10_000;

/** Why a report has no PDF, as a code the web translates (vi/en); kept in the report's formatNotes. */
export const PDF_NOTE = { officeMissing: 'office_unavailable', conversionFailed: 'pdf_conversion_failed' } as const;

/** An office format LibreOffice opens, with the PDF export filter of the application that opens it. */
export interface OfficeFormat {
  ext: string;
  filter: string;
}
export const OFFICE_FORMATS = {
  docx: { ext: 'docx', filter: 'writer_pdf_Export' },
  odt: { ext: 'odt', filter: 'writer_pdf_Export' },
  xlsx: { ext: 'xlsx', filter: 'calc_pdf_Export' },
  ods: { ext: 'ods', filter: 'calc_pdf_Export' },
  pptx: { ext: 'pptx', filter: 'impress_pdf_Export' },
  odp: { ext: 'odp', filter: 'impress_pdf_Export' },
} as const satisfies Record<string, OfficeFormat>;

export interface OfficeOptions {
  /** the soffice binary; OFFICE_BIN, else the first of the usual places (looked for again per job, see DETECT_CACHE_MS) */
  soffice?: string;
  /** how long a look for soffice is trusted; OFFICE_DETECT_CACHE_MS, else 10 s */
  detectCacheMs?: number;
  /** a python3 that can `import uno` (Debian's python3-uno); OFFICE_PYTHON, else /usr/bin/python3 */
  python?: string;
  timeoutMs?: number;
}

/**
 * DOCX to PDF with LibreOffice. A warm office (one soffice kept running,
 * driven over UNO) converts a report in a fraction of a second where a cold
 * `soffice --convert-to` takes four to five; without python3-uno it falls
 * back to the cold command. Conversions run one at a time per process.
 */
export class OfficeConverter {
  private readonly sofficeOption?: string;
  private readonly detectCacheMs: number;
  private detected: { path: string | null; at: number } | null = null;
  private readonly python: string;
  private readonly timeoutMs: number;
  private office?: ChildProcess;
  private bridge?: ChildProcess;
  private ready?: Promise<boolean>;
  private profileDir?: string;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: OfficeOptions = {}) {
    this.sofficeOption = options.soffice;
    const cache = options.detectCacheMs ?? Number(process.env.OFFICE_DETECT_CACHE_MS ?? DETECT_CACHE_MS);
    this.detectCacheMs = Number.isFinite(cache) && cache >= 0 ? cache : DETECT_CACHE_MS;
    this.python = options.python ?? process.env.OFFICE_PYTHON ?? '/usr/bin/python3';
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  /**
   * The soffice to use, looked for now (at most once per DETECT_CACHE_MS): a worker started before
   * LibreOffice was installed makes PDFs once it is, and one whose soffice went away says so, without a restart.
   */
  private get soffice(): string | null {
    const now = Date.now();
    if (!this.detected || now - this.detected.at >= this.detectCacheMs) {
      const configured = this.sofficeOption ?? process.env.OFFICE_BIN;
      const path = (configured ? [configured] : USUAL_SOFFICE).find((p) => existsSync(p)) ?? null;
      this.detected = { path, at: now };
    }
    return this.detected.path;
  }

  /** why PDF cannot be made here (a PDF_NOTE code), or null when it can; looked for again per job */
  unavailableReason(): string | null {
    return this.soffice ? null : PDF_NOTE.officeMissing;
  }

  /** starts the office now so the first report does not wait for it */
  warmUp(): void {
    if (this.soffice && !this.closed) void this.startWarm().catch(() => undefined);
  }

  convert(docx: Buffer, format: OfficeFormat = OFFICE_FORMATS.docx): Promise<Buffer> {
    const task = this.queue.then(() => this.convertNow(docx, format));
    this.queue = task.catch(() => undefined);
    return task;
  }

  private async convertNow(docx: Buffer, format: OfficeFormat): Promise<Buffer> {
    if (this.closed) throw new Error('the office converter is closed');
    const soffice = this.soffice;
    if (!soffice) throw new Error('LibreOffice (soffice) is not installed where the job ran');
    const dir = await mkdtemp(join(tmpdir(), 'htt-report-'));
    try {
      const input = join(dir, `report.${format.ext}`);
      const output = join(dir, 'report.pdf');
      await writeFile(input, docx);
      if (await this.startWarm(soffice)) await this.viaBridge(input, output, format.filter);
      else await this.cold(soffice, input, dir);
      return await readFile(output);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private startWarm(soffice = this.soffice): Promise<boolean> {
    if (this.ready) return this.ready;
    if (!soffice) return Promise.resolve(false);
    this.ready = (async () => {
      const hasUno = await execFileAsync(this.python, ['-c', 'import uno'], { timeout: 10_000 }).then(() => true, () => false);
      if (!hasUno) return false;
      this.profileDir = await mkdtemp(join(tmpdir(), 'htt-office-'));
      const pipe = `htt-office-${process.pid}-${Date.now()}`;
      this.office = spawn(
        soffice,
        [`-env:UserInstallation=${pathToFileURL(this.profileDir).href}`, '--headless', '--invisible', '--norestore', '--nologo', '--nodefault', '--nolockcheck', `--accept=pipe,name=${pipe};urp;StarOffice.ComponentContext`],
        // a process group of its own: soffice is a wrapper that starts soffice.bin, and stopping must reach both
        { stdio: 'ignore', detached: true },
      );
      // detached too, so that a kill of this process's group leaves the bridge alive to shut the office down
      this.bridge = spawn(this.python, ['-c', BRIDGE, pipe], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
      const bridge = this.bridge;
      const office = this.office;
      const lines = createInterface({ input: bridge.stdout! });
      let stderr = '';
      bridge.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-2000)));
      const started = new Promise<boolean>((resolve) => {
        lines.on('line', (line) => {
          const msg = JSON.parse(line) as { ready?: boolean; id?: number; ok?: boolean; error?: string };
          if (msg.ready) return resolve(true);
          const w = this.waiting.get(msg.id!);
          this.waiting.delete(msg.id!);
          if (msg.ok) w?.resolve();
          else w?.reject(new Error(`LibreOffice could not convert the report: ${msg.error}`));
        });
        bridge.once('exit', () => resolve(false));
      });
      const gone = () => {
        for (const w of this.waiting.values()) w.reject(new Error(`LibreOffice stopped: ${stderr.trim() || 'no message'}`));
        this.waiting.clear();
        if (this.bridge === bridge) this.reset();
      };
      bridge.once('exit', gone);
      office.once('exit', () => bridge.kill());
      return started;
    })();
    return this.ready;
  }

  private viaBridge(input: string, output: string, filter: string): Promise<void> {
    const id = this.nextId++;
    const bridge = this.bridge!;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`LibreOffice took longer than ${this.timeoutMs} ms`));
        this.stop();
      }, this.timeoutMs);
      this.waiting.set(id, {
        resolve: () => (clearTimeout(timer), resolve()),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      bridge.stdin!.write(`${JSON.stringify({ id, in: input, out: output, filter })}\n`);
    });
  }

  private async cold(soffice: string, input: string, dir: string) {
    await execFileAsync(soffice, [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input], {
      timeout: this.timeoutMs,
    });
  }

  private reset() {
    this.office = undefined;
    this.bridge = undefined;
    this.ready = undefined;
    const profile = this.profileDir;
    this.profileDir = undefined;
    if (profile) void rm(profile, { recursive: true, force: true });
  }

  private stop() {
    this.bridge?.stdin?.end();
    this.bridge?.kill();
    const office = this.office;
    if (office?.pid && office.exitCode === null && office.signalCode === null) {
      try {
        process.kill(-office.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    this.reset();
  }

  async close(): Promise<void> {
    this.closed = true;
    const office = this.office;
    const exited = office && office.exitCode === null ? new Promise((r) => office.once('exit', r)) : Promise.resolve();
    this.stop();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    if (office?.pid && office.exitCode === null && office.signalCode === null) {
      try {
        process.kill(-office.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
