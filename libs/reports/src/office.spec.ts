import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfficeConverter, PDF_NOTE } from './office';

describe('LibreOffice detection', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'office-detect-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('looks again per job: a worker started without soffice makes PDFs once it is installed', async () => {
    const soffice = join(dir, 'soffice');
    const office = new OfficeConverter({ soffice, detectCacheMs: 0 });
    expect(office.unavailableReason()).toBe(PDF_NOTE.officeMissing);
    writeFileSync(soffice, '#!/bin/sh\n');
    expect(office.unavailableReason()).toBeNull();
    rmSync(soffice);
    expect(office.unavailableReason()).toBe(PDF_NOTE.officeMissing);
    await office.close();
  });

  it('trusts one look for a short while (a burst of jobs looks once)', async () => {
    const soffice = join(dir, 'soffice');
    const office = new OfficeConverter({ soffice, detectCacheMs: 60_000 });
    expect(office.unavailableReason()).toBe(PDF_NOTE.officeMissing);
    writeFileSync(soffice, '#!/bin/sh\n');
    expect(office.unavailableReason()).toBe(PDF_NOTE.officeMissing);
    await office.close();
  });
});
