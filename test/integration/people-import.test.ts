import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { importPeople } from '../../src/modules/people/index.ts';
import { selectSubscriptionChanges } from '../../src/modules/people/people.repo.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const csvHeaders = { 'content-type': 'text/csv' };

function helpers(ctx: () => TestContext) {
  return {
    importCsv: (csv: string, query = '') => ctx().api('POST', `/api/v1/people/import${query}`, csv, csvHeaders),
    async person(email: string) {
      const res = await ctx().api('GET', `/api/v1/people?email=${encodeURIComponent(email)}`);
      expect(res.status).toBe(200);
      return res.body.items[0];
    },
  };
}

describeEachDatabase('importing people from CSV', (ctx) => {
  const { importCsv, person } = helpers(ctx);

  it('reads the header names Action Network, Mailchimp and NationBuilder exports use', async () => {
    const actionNetwork = 'first_name,last_name,email,zip_code,country,language,can2_phone\n'
      + 'Ada,Lovelace,ada@an.example.org,N1 9GU,GB,en,+44 20 7946 0000\n';
    const mailchimp = 'Email Address,First Name,Last Name,Address,TAGS\n'
      + 'grace@mc.example.org,Grace,Hopper,"1 Navy Way, Arlington",volunteers\n';
    const nationBuilder = 'nationbuilder_id,given_name,family_name,email_address,postal_code,country_code,preferred_language,tag_list\n'
      + '17,Rosa,Parks,rosa@nb.example.org,48201,US,en-US,donor|caller\n';
    const handMade = 'E-Mail,FirstName,Surname,Post Code,Lang,Zip Code,Tags\n'
      + 'mary@hand.example.org,Mary,Seacole,SE1 7EH,en-GB,ignored,nurse\n';
    for (const file of [actionNetwork, mailchimp, nationBuilder, handMade]) {
      const res = await importCsv(file);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ imported: 1, updated: 0, rejected: [] });
    }
    expect(await person('ada@an.example.org')).toMatchObject({
      given_name: 'Ada', family_name: 'Lovelace', postal_code: 'N1 9GU', country: 'GB', language: 'en',
      custom_fields: { can2_phone: '+44 20 7946 0000' }, tags: [],
      email_addresses: [{ address: 'ada@an.example.org', status: 'subscribed', primary: true }],
    });
    expect(await person('grace@mc.example.org')).toMatchObject({
      given_name: 'Grace', family_name: 'Hopper', custom_fields: { Address: '1 Navy Way, Arlington' }, tags: ['volunteers'],
    });
    const rosa = await person('rosa@nb.example.org');
    expect(rosa).toMatchObject({ given_name: 'Rosa', family_name: 'Parks', postal_code: '48201', country: 'US', language: 'en-US', custom_fields: { nationbuilder_id: '17' } });
    expect(rosa.tags.sort()).toEqual(['caller', 'donor']);
    // the first column meaning postal code wins; the second is kept as a custom field rather than dropped
    expect(await person('mary@hand.example.org')).toMatchObject({
      given_name: 'Mary', family_name: 'Seacole', postal_code: 'SE1 7EH', language: 'en-GB', tags: ['nurse'],
      custom_fields: { 'Zip Code': 'ignored' },
    });
  });

  it('reads UTF-8 with a BOM, CRLF line ends and quoted cells holding line breaks and commas', async () => {
    const csv = '\uFEFFemail,first_name,last_name,note\r\n'
      + 'one@bom.example.org,Ayşe,"Yılmaz, Jr.","first line\r\nsecond line, with a comma"\r\n'
      + 'not-an-address,Bad,Row,x\r\n'
      + 'two@bom.example.org,Zeynep,Kaya,\r\n';
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    // Row numbers are spreadsheet rows: the header is row 1 and the two-line cell stays within row 2,
    // so the bad row is row 3 (a text editor would show it on line 4).
    expect(res.body).toEqual({
      imported: 2, updated: 0,
      rejected: [{ row: 3, field: 'email', reason: expect.stringMatching(/^not a valid address \("not-an-address"\)/) }],
    });
    expect(await person('one@bom.example.org')).toMatchObject({
      given_name: 'Ayşe', family_name: 'Yılmaz, Jr.', custom_fields: { note: 'first line\r\nsecond line, with a comma' },
    });
    expect((await person('two@bom.example.org')).custom_fields).toEqual({});
  });

  it('keeps names in any script exactly as written: Uyghur, Chinese and Turkish', async () => {
    const res = await importCsv('email,first_name,last_name,language\n'
      + 'ABDUREHIM@Uyghur.Example.org ,ئابدۇرېھىم,ھېيت,ug\n'
      + 'xiaoming@zh.example.org,小明,王,zh-Hans\n'
      + 'ipek@tr.example.org,İpek,Işıklı Şahin,tr\n');
    expect(res.body).toEqual({ imported: 3, updated: 0, rejected: [] });
    // addresses are matched trimmed and lower-cased, whichever way they are written
    expect(await person('  abdurehim@UYGHUR.example.org')).toMatchObject({
      given_name: 'ئابدۇرېھىم', family_name: 'ھېيت', language: 'ug',
      email_addresses: [{ address: 'abdurehim@uyghur.example.org', status: 'subscribed', primary: true }],
    });
    expect(await person('xiaoming@zh.example.org')).toMatchObject({ given_name: '小明', family_name: '王' });
    expect(await person('ipek@tr.example.org')).toMatchObject({ given_name: 'İpek', family_name: 'Işıklı Şahin' });
  });

  it('splits tags on commas, semicolons and bars, adds the ?tag= ones, and finds people by tag', async () => {
    const res = await importCsv('email,tags\n'
      + 'a@tags.example.org,"alpha, beta"\n'
      + 'b@tags.example.org,gamma; delta ;;\n'
      + 'c@tags.example.org, epsilon|zeta| \n'
      + 'd@tags.example.org,\n', '?tag=spring-2025&tag=import%20test');
    expect(res.body).toEqual({ imported: 4, updated: 0, rejected: [] });
    const tagsOf = async (email: string) => (await person(email)).tags.sort();
    expect(await tagsOf('a@tags.example.org')).toEqual(['alpha', 'beta', 'import test', 'spring-2025']);
    expect(await tagsOf('b@tags.example.org')).toEqual(['delta', 'gamma', 'import test', 'spring-2025']);
    expect(await tagsOf('c@tags.example.org')).toEqual(['epsilon', 'import test', 'spring-2025', 'zeta']);
    expect(await tagsOf('d@tags.example.org')).toEqual(['import test', 'spring-2025']);
    // the list is newest first
    const gamma = await ctx().api('GET', '/api/v1/people?tag=gamma&tag=zeta');
    expect(gamma.body.items.map((p: { email_addresses: { address: string }[] }) => p.email_addresses[0]!.address))
      .toEqual(['c@tags.example.org', 'b@tags.example.org']);
  });

  it('keeps every other column as a custom field under its header, leaving empty cells out', async () => {
    await importCsv('email,Phone Number,Employer,Twitter handle\nc@custom.example.org,+49 30 1234,,@outcry\n');
    expect((await person('c@custom.example.org')).custom_fields).toEqual({ 'Phone Number': '+49 30 1234', 'Twitter handle': '@outcry' });
  });

  it('updates people already stored without losing anything: empty cells keep values, tags are only added', async () => {
    const first = await importCsv('email,first_name,last_name,zip,tags,Phone\n'
      + 'upsert-1@up.example.org,Nadia,Murad,10115,founder,+49 1\n'
      + 'upsert-2@up.example.org,Malala,,,,\n');
    expect(first.body).toEqual({ imported: 2, updated: 0, rejected: [] });
    const before = await person('upsert-1@up.example.org');

    const second = await importCsv('Email,First Name,Last Name,Zip,Tags,Employer\n'
      + 'UPSERT-1@up.example.org,,Murad Basee,,speaker,Yazda\n'
      + 'upsert-2@up.example.org,Malala,Yousafzai,,,\n'
      + 'upsert-3@up.example.org,Greta,,,,\n', '?tag=second-wave');
    expect(second.body).toEqual({ imported: 1, updated: 2, rejected: [] });

    const after = await person('upsert-1@up.example.org');
    expect(after).toMatchObject({
      id: before.id, given_name: 'Nadia', family_name: 'Murad Basee', postal_code: '10115',
      custom_fields: { Phone: '+49 1', Employer: 'Yazda' }, created_at: before.created_at,
    });
    expect(after.tags.sort()).toEqual(['founder', 'second-wave', 'speaker']);
    expect(await person('upsert-2@up.example.org')).toMatchObject({ given_name: 'Malala', family_name: 'Yousafzai', tags: ['second-wave'] });
    // one subscription change each: the first import subscribed them; the update did not touch it
    const changes = await selectSubscriptionChanges(ctx().runtime.deps.db, before.id);
    expect(changes).toEqual([expect.objectContaining({ status: 'subscribed', previous_status: null, source: 'import' })]);
  });

  it('never resubscribes someone who unsubscribed, bounced or complained', async () => {
    await importCsv('email,first_name\nleft@consent.example.org,Left\nbounced@consent.example.org,Bounced\nspam@consent.example.org,Spam\n');
    const statuses = { 'left@consent.example.org': 'unsubscribed', 'bounced@consent.example.org': 'bouncing', 'spam@consent.example.org': 'spam complaint' };
    for (const [email, status] of Object.entries(statuses)) {
      const res = await ctx().api('PUT', `/api/v1/people/${(await person(email)).id}/subscription`, { status, reason: 'test' });
      expect(res.status).toBe(200);
    }
    const again = await importCsv('email,first_name,tags\nleft@consent.example.org,Lefty,x\nbounced@consent.example.org,,x\nspam@consent.example.org,,x\n');
    expect(again.body).toEqual({ imported: 0, updated: 3, rejected: [] });
    for (const [email, status] of Object.entries(statuses)) {
      const p = await person(email);
      expect(p.email_addresses[0].status).toBe(status);
      expect(p.tags).toEqual(['x']);
      expect((await selectSubscriptionChanges(ctx().runtime.deps.db, p.id)).map((c) => c.source)).toEqual(['import', 'api']);
    }
    expect((await person('left@consent.example.org')).given_name).toBe('Lefty');
  });

  it('reports bad rows by row, field and reason and stores the good ones', async () => {
    const long = 'Ä'.repeat(201);
    const csv = 'email,first_name,last_name\n'
      + 'good-1@bad.example.org,Good,One\n'       // row 2
      + ',No,Address\n'                             // row 3
      + 'foo@,Half,Address\n'                       // row 4
      + `long@bad.example.org,${long},Name\n`      // row 5
      + 'longer@bad.example.org,Name,' + long + '\n' // row 6
      + 'shifted@bad.example.org,Smith, John,x\n'   // row 7: an unquoted comma adds a cell
      + 'short@bad.example.org\n'                   // row 8
      + 'a b@bad.example.org,Space,In\n'            // row 9
      + '\n'                                        // row 10: blank, ignored
      + 'good-2@bad.example.org,Good,Two,\n'        // row 11: a trailing empty cell is harmless
      + 'broken@bad.example.org,"never closed,x\n'  // row 12: the rest of the file is one cell
      + 'lost@bad.example.org,Lost,Row\n';
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(2);
    expect(res.body.rejected).toEqual([
      { row: 3, field: 'email', reason: 'missing' },
      { row: 4, field: 'email', reason: expect.stringMatching(/^not a valid address \("foo@"\)/) },
      { row: 5, field: 'given_name', reason: 'longer than 200 characters' },
      { row: 6, field: 'family_name', reason: 'longer than 200 characters' },
      { row: 7, field: null, reason: 'has 4 cells where the header has 3' },
      { row: 8, field: null, reason: 'has 1 cell where the header has 3' },
      { row: 9, field: 'email', reason: expect.stringMatching(/^not a valid address \("a b@bad.example.org"\)/) },
      { row: 12, field: null, reason: expect.stringContaining('never closed') },
    ]);
    expect(await person('good-1@bad.example.org')).toMatchObject({ given_name: 'Good', family_name: 'One' });
    expect(await person('good-2@bad.example.org')).toMatchObject({ given_name: 'Good', family_name: 'Two' });
    expect(await person('long@bad.example.org')).toBeUndefined();
  });

  it('merges an address repeated in the same file, the later non-empty values winning, and counts it once', async () => {
    const res = await importCsv('email,first_name,last_name,tags\n'
      + 'twice@dup.example.org,First,Surname,one\n'
      + 'Twice@Dup.example.org,Second,,two\n');
    expect(res.body).toEqual({ imported: 1, updated: 0, rejected: [] });
    const p = await person('twice@dup.example.org');
    expect(p).toMatchObject({ given_name: 'Second', family_name: 'Surname' });
    expect(p.tags.sort()).toEqual(['one', 'two']);
  });

  it('stores a large file in batches and counts repeats across batches once', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `bulk-${i}@bulk.example.org,Person ${i}`);
    rows.push('bulk-3@bulk.example.org,Again'); // repeats a row from the first batch
    const res = await importCsv(`email,first_name\n${rows.join('\n')}\n`, '?tag=bulk');
    expect(res.body).toEqual({ imported: 1200, updated: 0, rejected: [] });
    expect((await person('bulk-3@bulk.example.org')).given_name).toBe('Again');
    const page = await ctx().api('GET', '/api/v1/people?tag=bulk&limit=500&after=0');
    expect(page.body.items).toHaveLength(500);
    const next = await ctx().api('GET', `/api/v1/people?tag=bulk&limit=500&after=${page.body.next_after}`);
    const last = await ctx().api('GET', `/api/v1/people?tag=bulk&limit=500&after=${next.body.next_after}`);
    expect(last.body.items).toHaveLength(200);
    expect(last.body.next_after).toBeUndefined();
    expect(next.body.items[0].id).toBeGreaterThan(page.body.next_after);
  });

  it('reads a stream arriving in small chunks cut inside characters and reports its progress', async () => {
    const text = 'email,first_name\n' + Array.from({ length: 30 }, (_, i) => `chunk-${i}@chunks.example.org,ئۇيغۇر ${i}`).join('\r\n');
    const bytes = Buffer.from(text);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
    const progress: { rows: number; bytes: number }[] = [];
    const result = await importPeople(ctx().runtime.deps, Readable.from(chunks), { batchSize: 10, onProgress: (p) => { progress.push(p); } });
    expect(result).toEqual({ imported: 30, updated: 0, rejected: [] });
    expect(progress.map((p) => p.rows)).toEqual([10, 20, 30, 30]);
    expect(progress.at(-1)!.bytes).toBe(bytes.length);
    expect((await person('chunk-29@chunks.example.org')).given_name).toBe('ئۇيغۇر 29');
  });

  it('refuses a file without an email column, naming the columns it found', async () => {
    const res = await importCsv('Name,Phone\nRahima,+1 555\n');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: '/problems/no-email-column', title: 'The file has no email column' });
    expect(res.body.detail).toContain('"Name", "Phone"');
  });

  it('answers over a real connection, refusing a large upload early without cutting the connection', async () => {
    const post = (body: string) => fetch(`${ctx().baseUrl}/api/v1/people/import?tag=wire`, {
      method: 'POST', body, headers: { ...csvHeaders, authorization: `Bearer ${ctx().token}` },
    });
    const filler = Array.from({ length: 40_000 }, (_, i) => `Person ${i},+1 555 ${i}`).join('\n');
    const refused = await post(`Name,Phone\n${filler}\n`);
    expect(refused.status).toBe(400);
    expect((await refused.json()).type).toBe('/problems/no-email-column');
    const accepted = await post('email,first_name\nwire@http.example.org,Wire\n');
    expect(await accepted.json()).toEqual({ imported: 1, updated: 0, rejected: [] });
  });

  it('refuses an empty file and a body that is not CSV', async () => {
    const empty = await importCsv('');
    expect(empty.status).toBe(400);
    expect(empty.body.type).toBe('/problems/empty-file');
    const json = await ctx().api('POST', '/api/v1/people/import', { email: 'x@example.org' });
    expect(json.status).toBe(415);
  });
});

describeEachDatabase('the people API', (ctx) => {
  const { importCsv, person } = helpers(ctx);

  it('answers 404 as a problem for a person who does not exist', async () => {
    const res = await ctx().api('GET', '/api/v1/people/999999');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('shows a person by id and finds nobody for an unknown address', async () => {
    await importCsv('email,first_name\nshown@api.example.org,Shown\n');
    const { id } = await person('shown@api.example.org');
    const res = await ctx().api('GET', `/api/v1/people/${id}`);
    expect(res.body).toMatchObject({ id, given_name: 'Shown', email_addresses: [{ address: 'shown@api.example.org', status: 'subscribed', primary: true }] });
    expect((await ctx().api('GET', '/api/v1/people?email=nobody@api.example.org')).body).toEqual({ items: [], total: 0, next_cursor: null });
  });

  it('changes a subscription and keeps a spam complaint unless the person lifts it', async () => {
    await importCsv('email\nconsent@api.example.org\n');
    const { id } = await person('consent@api.example.org');
    const off = await ctx().api('PUT', `/api/v1/people/${id}/subscription`, { status: 'unsubscribed', reason: 'asked by phone' });
    expect(off.body.email_addresses[0].status).toBe('unsubscribed');
    const changes = await selectSubscriptionChanges(ctx().runtime.deps.db, id);
    expect(changes.at(-1)).toMatchObject({ status: 'unsubscribed', previous_status: 'subscribed', source: 'api', detail: 'asked by phone' });
    await ctx().api('PUT', `/api/v1/people/${id}/subscription`, { status: 'spam complaint' });
    const back = await ctx().api('PUT', `/api/v1/people/${id}/subscription`, { status: 'subscribed' });
    expect(back.status).toBe(409);
    const bad = await ctx().api('PUT', `/api/v1/people/${id}/subscription`, { status: 'maybe' });
    expect(bad.status).toBe(400);
  });

  it('describes the people API in the OpenAPI document under the tag people', async () => {
    const doc = await (await fetch(`${ctx().baseUrl}/api/openapi.json`)).json();
    for (const [path, method] of [['/api/v1/people/import', 'post'], ['/api/v1/people', 'get'], ['/api/v1/people/{id}', 'get'], ['/api/v1/people/{id}/subscription', 'put']] as const) {
      expect(doc.paths[path]?.[method]?.tags).toEqual(['people']);
    }
    expect(Object.keys(doc.paths['/api/v1/people/import'].post.requestBody.content)).toContain('text/csv');
  });
});

describeEachDatabase('the outcry people import command', (ctx) => {
  const dir = mkdtempSync(join(tmpdir(), 'outcry-people-cli-'));

  function outcry(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const { dataDir, databaseUrl } = ctx().runtime.deps.config;
    const env: NodeJS.ProcessEnv = { ...process.env, OUTCRY_DATA: dataDir, LOG_LEVEL: 'warn' };
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    else delete env.DATABASE_URL;
    return new Promise((resolve) => {
      execFile(process.execPath, [join(process.cwd(), 'bin/outcry.js'), ...args], { env }, (err, stdout, stderr) => {
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  it('imports a file with a tag and prints what it did, rejected rows included', async () => {
    const file = join(dir, 'supporters.csv');
    writeFileSync(file, '\uFEFFEmail Address,First Name\r\ncli-1@cli.example.org,Gulnar\r\nfoo@,Bad\r\ncli-2@cli.example.org,Erkin\r\n');
    const run = await outcry(['people', 'import', file, '--tag', 'x']);
    // what the command said on stderr, should it fail
    expect(run.stdout, run.stderr).toBe('Imported 2 new, updated 0, rejected 1\nrow 3, email: not a valid address ("foo@"): the part after the @ is not a domain\n');
    expect(run.code).toBe(0);
    const res = await ctx().api('GET', '/api/v1/people?email=cli-1@cli.example.org');
    expect(res.body.items[0]).toMatchObject({ given_name: 'Gulnar', tags: ['x'] });
  });

  it('fails with a clear message for a missing file and for a file without an email column', async () => {
    const missing = await outcry(['people', 'import', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const file = join(dir, 'no-email.csv');
    writeFileSync(file, 'name,phone\nx,y\n');
    const noEmail = await outcry(['people', 'import', file]);
    expect(noEmail.code).toBe(1);
    expect(noEmail.stderr).toContain('The file has no email column');
    expect(noEmail.stderr).toContain('"name", "phone"');
  });
});
