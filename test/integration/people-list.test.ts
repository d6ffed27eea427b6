// The supporter list a campaigner works with: search, filters (custom fields too), counts, keyset pages,
// tagging a whole segment, and the CSV export — through the API, on both databases.
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { addTaggedSupporters } from '../helpers/fixtures.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const PEOPLE = [
  'email,first_name,last_name,language,country,tags,Phone,Group',
  'ada@list.example.org,Ada,Lovelace,en,GB,"list,math",+44 20 7946 0000,A',
  'alan@list.example.org,Alan,Turing,en,GB,"list,math",,B',
  'grace@list.example.org,Grace,Hopper,en-US,US,list,,A',
  'rahima@list.example.org,Rahima,Mahmut,ug,GB,list,,A',
  'ayse@list.example.org,Ayşe,Yılmaz,tr,TR,list,,B',
  'li@list.example.org,丽,王,zh-Hans,CN,list,,A',
  // a cell written to run in a spreadsheet, and a custom field name that would too
  'mallory@list.example.org,"=HYPERLINK(""http://evil.example"",""click"")",-Mallory,en,GB,list,@SUM(A1),C',
].join('\n');

type Page = { items: { id: number; email_addresses: { address: string }[]; tags: string[] }[]; total: number; next_cursor: string | null };

function helpers(ctx: () => TestContext) {
  const list = async (query: string): Promise<Page> => {
    const res = await ctx().api('GET', `/api/v1/people?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Page;
  };
  const names = async (query: string) => (await list(query)).items.map((p) => p.email_addresses[0]!.address.split('@')[0]!);
  return { list, names };
}

describeEachDatabase('the supporter list', (ctx) => {
  const { list, names } = helpers(ctx);

  it('imports the people the other tests read', async () => {
    const res = await ctx().api('POST', '/api/v1/people/import', PEOPLE, { 'content-type': 'text/csv' });
    expect(res.body).toEqual({ imported: 7, updated: 0, rejected: [] });
  });

  it('lists everyone newest first with the total', async () => {
    const page = await list('tag=list');
    expect(page.total).toBe(7);
    expect(page.next_cursor).toBeNull();
    expect(page.items.map((p) => p.id)).toEqual([...page.items.map((p) => p.id)].sort((a, b) => b - a));
    expect(page.items.map((p) => p.email_addresses[0]!.address)[0]).toBe('mallory@list.example.org');
  });

  it('finds people by the start of their address, given name or family name, case ignored', async () => {
    expect(await names('q=ada')).toEqual(['ada']);
    expect(await names('q=ADA')).toEqual(['ada']);
    expect(await names('q=lovel')).toEqual(['ada']);
    expect(await names('q=Ada%20Lov')).toEqual(['ada']);
    expect(await names('q=al')).toEqual(['alan']);
    expect(await names('q=rahima%40list.example')).toEqual(['rahima']);
    expect(await names('q=%E4%B8%BD')).toEqual(['li']); // 丽
    expect(await names('q=Ay%C5%9F')).toEqual(['ayse']); // Ayş
    // a prefix, not a substring
    expect(await names('q=ovelace')).toEqual([]);
    expect((await list('q=a&tag=list')).total).toBe(3);
  });

  it('combines filters with AND, values of one filter with OR, and counts the filtered set', async () => {
    expect((await names('tag=math&country=GB')).sort()).toEqual(['ada', 'alan']);
    expect((await names('country=GB&country=US&language=en')).sort()).toEqual(['ada', 'alan', 'mallory']);
    expect((await names('language=ug'))).toEqual(['rahima']);
    const page = await list('country=GB&limit=1');
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(4);
  });

  it('filters on custom fields, exactly, with field.NAME=VALUE', async () => {
    expect((await names('field.Group=A&country=GB')).sort()).toEqual(['ada', 'rahima']);
    expect(await names(`field.Phone=${encodeURIComponent('+44 20 7946 0000')}`)).toEqual(['ada']);
    expect(await names('field.Group=A&field.Phone=nothing')).toEqual([]);
    expect((await list('field.Group=B')).total).toBe(2);
    expect((await list('field.Nonexistent=A')).total).toBe(0);
  });

  it('filters on status', async () => {
    const alan = (await list('q=alan')).items[0]!;
    expect((await ctx().api('PUT', `/api/v1/people/${alan.id}/subscription`, { status: 'unsubscribed' })).status).toBe(200);
    expect(await names('status=unsubscribed&tag=list')).toEqual(['alan']);
    expect((await list('status=subscribed&tag=list')).total).toBe(6);
    const bad = await ctx().api('GET', '/api/v1/people?status=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.detail ?? bad.body.title).toMatch(/status/);
  });

  it('pages through a segment with a cursor, never repeating or skipping anyone', async () => {
    await addTaggedSupporters(ctx().runtime.deps.db, 'paged', 23);
    const seen: number[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page: Page = await list(`tag=paged&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBe(23);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.next_cursor;
      pages++;
    }
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(23);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    const bad = await ctx().api('GET', '/api/v1/people?cursor=abc');
    expect(bad.status).toBe(422);
    expect(bad.body.invalid_params).toEqual([{ name: 'cursor', reason: 'not a cursor this list gave out' }]);
  });

  it('tags and untags everyone a filter selects, in batches, and says how many changed', async () => {
    await addTaggedSupporters(ctx().runtime.deps.db, 'segment', 2345);
    const tag = (body: object) => ctx().api('POST', '/api/v1/people/tags', body);
    const added = await tag({ filter: { tag: ['segment'] }, add: ['wave-1', 'volunteer'] });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toEqual({ changed: 2345 });
    expect((await list('tag=wave-1&limit=1')).total).toBe(2345);
    // a second time nothing changes
    expect((await tag({ filter: { tag: ['segment'] }, add: ['wave-1'] })).body).toEqual({ changed: 0 });
    // removing the very tag the filter selects on still reaches everyone
    expect((await tag({ filter: { tag: ['wave-1'] }, remove: ['wave-1'] })).body).toEqual({ changed: 2345 });
    expect((await list('tag=wave-1&limit=1')).total).toBe(0);
    expect((await list('tag=volunteer&limit=1')).total).toBe(2345);
  });

  it('tags by filter combined with a custom field, and by ids', async () => {
    expect((await ctx().api('POST', '/api/v1/people/tags', { filter: { country: ['GB'], field: { Group: 'A' } }, add: ['uk-a'] })).body)
      .toEqual({ changed: 2 });
    expect((await names('tag=uk-a')).sort()).toEqual(['ada', 'rahima']);
    const grace = (await list('q=grace')).items[0]!;
    const byIds = await ctx().api('POST', '/api/v1/people/tags', { ids: [grace.id, 99_999_999], add: ['picked'], remove: ['list'] });
    expect(byIds.body).toEqual({ changed: 1 });
    expect((await list('q=grace')).items[0]!.tags).toEqual(['picked']);
  });

  it('refuses a bulk change that does not say whom or what', async () => {
    const cases: [object, string][] = [
      [{ add: ['x'] }, 'ids'],
      [{ ids: [1], filter: {}, add: ['x'] }, 'ids'],
      [{ ids: [1] }, 'add'],
      [{ ids: [1], add: ['x'], remove: ['x'] }, 'remove'],
      [{ ids: [1], add: ['a,b'] }, 'add'],
    ];
    for (const [body, field] of cases) {
      const res = await ctx().api('POST', '/api/v1/people/tags', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.invalid_params[0].name).toBe(field);
    }
    expect((await ctx().api('POST', '/api/v1/people/tags', { filter: { colour: 'red' }, add: ['x'] })).status).toBe(400);
  });

  it('exports the filtered list as CSV with custom fields as columns, safe to open in a spreadsheet', async () => {
    const res = await ctx().runtime.app.inject({ method: 'GET', url: '/api/v1/people/export.csv?country=GB&tag=list', headers: { authorization: `Bearer ${ctx().token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="people-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const rows = parse(res.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'email', 'given_name', 'family_name', 'language', 'country', 'postal_code', 'tags', 'status', 'id', 'created_at', 'updated_at', 'Group', 'Phone',
    ]);
    expect(rows.map((r) => r.email)).toEqual(['mallory@list.example.org', 'rahima@list.example.org', 'alan@list.example.org', 'ada@list.example.org']);
    const ada = rows.find((r) => r.email === 'ada@list.example.org')!;
    expect(ada).toMatchObject({ given_name: 'Ada', family_name: 'Lovelace', country: 'GB', Group: 'A', status: 'subscribed' });
    expect(ada.tags!.split(', ').sort()).toEqual(['list', 'math', 'uk-a']);
    // a leading + - = @ would make a spreadsheet run the cell: it is written as text
    expect(ada.Phone).toBe("'+44 20 7946 0000");
    const mallory = rows.find((r) => r.email === 'mallory@list.example.org')!;
    expect(mallory.given_name).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(mallory.family_name).toBe("'-Mallory");
    expect(mallory.Phone).toBe("'@SUM(A1)");
    expect(rows.find((r) => r.email === 'alan@list.example.org')).toMatchObject({ status: 'unsubscribed', Phone: '' });

    const groupB = await ctx().runtime.app.inject({ method: 'GET', url: '/api/v1/people/export.csv?field.Group=B', headers: { authorization: `Bearer ${ctx().token}` } });
    expect((parse(groupB.body, { bom: true, columns: true }) as Record<string, string>[]).map((r) => r.email))
      .toEqual(['ayse@list.example.org', 'alan@list.example.org']);
  });

  it('exports a segment of thousands in batches, each person once', async () => {
    const res = await ctx().runtime.app.inject({ method: 'GET', url: '/api/v1/people/export.csv?tag=segment', headers: { authorization: `Bearer ${ctx().token}` } });
    const rows = parse(res.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2345);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2345);
    expect(Object.keys(rows[0]!)).not.toContain('Group');
    const bad = await ctx().api('GET', '/api/v1/people/export.csv?cursor=abc&status=maybe');
    expect(bad.status).toBe(400);
  });

  it('describes the new calls in the OpenAPI document', async () => {
    const doc = (await ctx().api('GET', '/api/openapi.json')).body;
    for (const [path, method] of [
      ['/api/v1/people', 'get'], ['/api/v1/people/tags', 'post'], ['/api/v1/people/export.csv', 'get'],
      ['/api/v1/people/{id}/history', 'get'], ['/api/v1/people/{id}/export', 'get'], ['/api/v1/people/{id}', 'delete'],
      ['/api/v1/imports', 'post'], ['/api/v1/imports', 'get'], ['/api/v1/imports/{id}', 'get'], ['/api/v1/imports/{id}/rejected.csv', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['people']);
    }
    const list = doc.paths['/api/v1/people'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'tag', 'status', 'language', 'country', 'cursor', 'limit']));
    expect(Object.keys(list.responses['200'].content['application/json'].schema.properties)).toEqual(['items', 'total', 'total_is_estimate', 'next_cursor', 'next_after']);
  });
});
