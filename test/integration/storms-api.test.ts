import { expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/test-app.ts';

const ARTICLE = 'https://example.org/blog/what-is-happening-in-the-uyghur-region';

let n = 0;
function storm(overrides: Record<string, unknown> = {}) {
  n++;
  return {
    title: 'The Genocide Games are over. The genocide is not.',
    slug: `closing-ceremony-${n}`,
    starts_at: '2022-02-20T13:00:00+01:00',
    ends_at: '2022-02-20T15:00:00+01:00',
    hashtags: ['#GenocideGames', 'StandWithUyghurs'],
    messages: [
      { text: 'While China celebrates the end of the Beijing Olympics, the genocide against the Uyghurs continues.' },
      { text: 'Tonight the Olympic flame goes out in Beijing. For millions of Uyghurs held in camps, the darkness goes on.' },
    ],
    article_url: ARTICLE,
    timezone: 'Europe/London',
    language: 'en',
    targets: [{ name: 'IOC Media', handles: { x: '@iocmedia' } }],
    ...overrides,
  };
}

describeEachDatabase('the storms API', (ctx) => {
  it('creates a storm and answers with its id and public address', async () => {
    const input = storm();
    const res = await ctx().api('POST', '/api/v1/storms', input);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(Number), slug: input.slug, url: `${ctx().baseUrl}/s/${input.slug}` });
  });

  it('shows a storm with its times in UTC, hashtags without "#" and numbered variants', async () => {
    const input = storm();
    const { body: created } = await ctx().api('POST', '/api/v1/storms', input);
    const res = await ctx().api('GET', `/api/v1/storms/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: created.id, slug: input.slug, url: created.url, title: input.title, language: 'en', timezone: 'Europe/London',
      starts_at: '2022-02-20T12:00:00.000Z', ends_at: '2022-02-20T14:00:00.000Z', state: 'after',
      hashtags: ['GenocideGames', 'StandWithUyghurs'], targets: [{ id: expect.any(Number), name: 'IOC Media', handles: { x: '@iocmedia' } }],
      article_url: ARTICLE,
      variants: [
        { id: expect.any(Number), position: 1, text: input.messages[0]!.text, weight: 1 },
        { id: expect.any(Number), position: 2, text: input.messages[1]!.text, weight: 1 },
      ],
    });
  });

  it('defaults the time zone to UTC and the language to English', async () => {
    const { timezone: _t, language: _l, article_url: _a, targets: _g, ...bare } = storm();
    const { body } = await ctx().api('POST', '/api/v1/storms', bare);
    expect((await ctx().api('GET', `/api/v1/storms/${body.id}`)).body).toMatchObject({ timezone: 'UTC', language: 'en', article_url: null, targets: [] });
  });

  it('lists storms, newest first', async () => {
    const a = (await ctx().api('POST', '/api/v1/storms', storm())).body.id;
    const b = (await ctx().api('POST', '/api/v1/storms', storm())).body.id;
    const res = await ctx().api('GET', '/api/v1/storms?limit=2');
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { id: number }) => s.id)).toEqual([b, a]);
    expect(res.body.items[0].variants).toHaveLength(2);
    const older = await ctx().api('GET', `/api/v1/storms?before=${b}&limit=1`);
    expect(older.body.items.map((s: { id: number }) => s.id)).toEqual([a]);
  });

  it('answers 409 for a slug another storm has', async () => {
    const input = storm();
    expect((await ctx().api('POST', '/api/v1/storms', input)).status).toBe(201);
    const again = await ctx().api('POST', '/api/v1/storms', { ...input, title: 'Another' });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body).toMatchObject({ type: '/problems/conflict', title: `The slug "${input.slug}" is taken` });
  });

  it('refuses a slug with capitals or spaces, naming the field', async () => {
    const res = await ctx().api('POST', '/api/v1/storms', storm({ slug: 'Closing Ceremony' }));
    expect(res.status).toBe(400);
    expect(res.body.invalid_params[0].name).toBe('slug');
  });

  it('refuses times without an offset, a day that does not exist, and an end before the start', async () => {
    const noOffset = await ctx().api('POST', '/api/v1/storms', storm({ starts_at: '2022-02-20T12:00:00' }));
    expect(noOffset.status).toBe(400);
    expect(noOffset.headers['content-type']).toContain('application/problem+json');
    expect(noOffset.body.invalid_params.map((p: { name: string }) => p.name)).toContain('starts_at');

    const noDay = await ctx().api('POST', '/api/v1/storms', storm({ starts_at: '2022-02-30T12:00:00Z', ends_at: '2022-03-05T12:00:00Z' }));
    expect(noDay.status).toBe(400);
    expect(noDay.body.invalid_params.map((p: { name: string }) => p.name)).toContain('starts_at');

    const backwards = await ctx().api('POST', '/api/v1/storms', storm({ starts_at: '2022-02-20T15:00:00Z', ends_at: '2022-02-20T14:00:00Z' }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.invalid_params).toEqual([{ name: 'ends_at', reason: 'must be after starts_at' }]);

    const empty = await ctx().api('POST', '/api/v1/storms', storm({ ends_at: '2022-02-20T13:00:00+01:00' }));
    expect(empty.status).toBe(400);
  });

  it('refuses an unknown time zone, language and a hashtag no network would link', async () => {
    const res = await ctx().api('POST', '/api/v1/storms', storm({ timezone: 'Mars/Olympus_Mons', language: '!!', hashtags: ['#ok', 'not a tag'] }));
    expect(res.status).toBe(400);
    expect(res.body.invalid_params.map((p: { name: string }) => p.name).sort()).toEqual(['hashtags.1', 'language', 'timezone']);
  });

  it('refuses a message too long once hashtags and link are added, naming the message and the network', async () => {
    // 226 + " #GenocideGames #StandWithUyghurs" (33) + " " + link (1 + 23 on X) = 283 on X, 323 on Bluesky
    const long = 'a'.repeat(226);
    const res = await ctx().api('POST', '/api/v1/storms', storm({ messages: [{ text: 'Short and fine.' }, { text: long }] }));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.type).toBe('/problems/post-too-long');
    expect(res.body.title).toBe('Message 2 is 283 characters on X, over its limit of 280 (and 1 more)');
    expect(res.body.invalid_params).toEqual([
      { name: 'messages.1.text', reason: 'Message 2 is 283 characters on X, over its limit of 280' },
      { name: 'messages.1.text', reason: 'Message 2 is 323 characters on Bluesky, over its limit of 300' },
    ]);
  });

  it('counts Chinese as two on X when checking the length', async () => {
    const res = await ctx().api('POST', '/api/v1/storms', storm({ hashtags: [], article_url: undefined, messages: [{ text: '维'.repeat(141) }] }));
    expect(res.status).toBe(400);
    expect(res.body.title).toBe('Message 1 is 282 characters on X, over its limit of 280');
  });

  it('changes any field, and checks the whole storm again', async () => {
    const { body } = await ctx().api('POST', '/api/v1/storms', storm());
    const res = await ctx().api('PATCH', `/api/v1/storms/${body.id}`, { title: 'New title', hashtags: ['Uyghurs'], article_url: null, timezone: 'Asia/Urumqi', language: 'ug' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'New title', hashtags: ['Uyghurs'], article_url: null, timezone: 'Asia/Urumqi', language: 'ug', variants: [{ position: 1 }, { position: 2 }] });
    expect(res.body.modified_date >= res.body.created_date).toBe(true);

    // a longer article link is nothing on X (23) but can push a message over on Bluesky
    const tooLong = await ctx().api('PATCH', `/api/v1/storms/${body.id}`, { messages: [{ text: 'b'.repeat(240) }], article_url: `https://example.org/${'c'.repeat(40)}` });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.title).toMatch(/^Message 1 is 310 characters on Bluesky, over its limit of 300$/);
    expect((await ctx().api('PATCH', `/api/v1/storms/${body.id}`, { ends_at: '2020-01-01T00:00:00Z' })).status).toBe(400);
  });

  it('replaces the messages, keeping the id of a message whose text is unchanged', async () => {
    const input = storm();
    const { body } = await ctx().api('POST', '/api/v1/storms', input);
    const before = (await ctx().api('GET', `/api/v1/storms/${body.id}`)).body.variants;
    const res = await ctx().api('PATCH', `/api/v1/storms/${body.id}`, {
      messages: [{ text: 'A brand new message.' }, { text: input.messages[0]!.text }],
    });
    expect(res.status).toBe(200);
    expect(res.body.variants).toEqual([
      { id: expect.any(Number), position: 1, text: 'A brand new message.', weight: 1 },
      { id: before[0].id, position: 2, text: input.messages[0]!.text, weight: 1 },
    ]);
    expect(res.body.variants[0].id).not.toBe(before[1].id);
  });

  it('moves a storm to a free slug but not to a taken one', async () => {
    const taken = storm();
    await ctx().api('POST', '/api/v1/storms', taken);
    const { body } = await ctx().api('POST', '/api/v1/storms', storm());
    expect((await ctx().api('PATCH', `/api/v1/storms/${body.id}`, { slug: taken.slug })).status).toBe(409);
    const moved = await ctx().api('PATCH', `/api/v1/storms/${body.id}`, { slug: `moved-${body.id}` });
    expect(moved.body).toMatchObject({ slug: `moved-${body.id}`, url: `${ctx().baseUrl}/s/moved-${body.id}` });
  });

  it('answers 404 problems for a storm that does not exist', async () => {
    for (const [method, path, payload] of [['GET', '/api/v1/storms/999999'], ['PATCH', '/api/v1/storms/999999', { title: 'x' }], ['GET', '/api/v1/storms/999999/stats']] as const) {
      const res = await ctx().api(method, path, payload);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ type: '/problems/not-found', title: 'Storm not found' });
    }
  });

  it('needs an API token', async () => {
    const res = await fetch(`${ctx().baseUrl}/api/v1/storms`);
    expect(res.status).toBe(401);
  });

  it('describes the storms API in the OpenAPI document, and not the public pages', async () => {
    const doc = await (await fetch(`${ctx().baseUrl}/api/openapi.json`)).json();
    const paths = Object.keys(doc.paths);
    for (const path of ['/api/v1/storms', '/api/v1/storms/{id}', '/api/v1/storms/{id}/stats']) expect(paths).toContain(path);
    expect(Object.keys(doc.paths['/api/v1/storms/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(doc.paths['/api/v1/storms'].post.tags).toEqual(['storms']);
    expect(paths.some((p) => p.startsWith('/s/'))).toBe(false);
  });
});
