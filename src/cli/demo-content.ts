// The demo organisation: a storm like the one on the day of the Beijing closing ceremony, its invitation,
// and 50 fictional supporters whose names come in the scripts real supporters write them in.

export const DEMO_TAG = 'demo';
export const DEMO_SLUG = 'closing-ceremony';

/** The article the storm offers people who are not on social media, served by Outcry at /a/{slug}. */
export const DEMO_ARTICLE = {
  title: 'What is happening in the Uyghur region',
  slug: 'what-is-happening',
  summary: 'More than a million Uyghurs have been held in camps. What is happening, and what each of us can do about it.',
  body: `Since 2017 the Chinese government has held more than a million Uyghurs and other Turkic Muslims in camps
in the Uyghur region. Families are separated, mosques torn down, and people sent to work in factories far
from home.

## What we can do

- **Talk about it.** Most people have never heard of the camps. Tell the people around you.
- **Share this article.** Every reader you bring can bring the next.
- **Ask before you buy.** Cotton and solar panels from the region may be made with forced labour.

> "The world must not look away."
`,
};

export const DEMO_VARIANTS = [
  'While China celebrates the end of the Beijing Olympics, the genocide against the Uyghurs continues. The world must not look away.',
  'Tonight the Olympic flame goes out in Beijing. For millions of Uyghurs held in camps, the darkness goes on. Stand with them.',
  'Medals, fireworks, and a closing ceremony — and not one word about the Uyghur camps. Speak up while the world is watching China.',
];

export const DEMO_HASHTAGS = ['GenocideGames', 'StandWithUyghurs'];

export function demoInvitation(stormUrl: string, articleUrl: string): { subject: string; body: string } {
  return {
    subject: 'Will you take part in a storm on Sunday?',
    body: `Hi {{ first_name | default: "friend" }},

Sunday marks the closing ceremony of the Beijing Winter Olympics, coined the “Genocide Games” by
campaigners across the world because of the Chinese government’s persecution of the Uyghurs.

While China puts on a show to entertain the world, the genocide continues with alarmingly little
attention. Let’s use this moment, while the world’s attention is on China, to stand in solidarity with
the Uyghurs.

**Will you take part in a social-media storm to tell the world that the genocide continues?**

[Send your post](${stormUrl})

Not on social media? [Read and share this article](${articleUrl}), which explains what is happening
in the Uyghur region and what we can do about it.

Thank you for reading and for your support,

Rahima
`,
  };
}

const GIVEN = ['Rahima', 'Abdurehim', 'Gulnar', 'Mehmet', 'Ayşe', 'Zeynep', 'Wei', 'Li', 'John', 'Sarah',
  'ئابدۇرېھىم', 'گۈلنار', 'Ömer', 'İlkay', 'Mei', 'Omar', 'Fatima', 'David', 'Aylin', 'Tursun',
  'مەرىيەم', '晓明', 'Emily', 'Kemal', 'Nur'];
const FAMILY = ['Mahmut', 'Ablimit', 'Yılmaz', 'Demir', 'Öztürk', 'Chen', 'Zhang', 'Smith', 'Brown', 'Turdi',
  'تۇردى', 'Kaya', 'Wang', 'Jones', 'Şahin', 'Khan', 'ئابلىمىت', '王', 'Taylor', 'Ahmed'];
const LANGUAGES = ['en', 'en', 'en', 'ug', 'tr', 'zh-Hans'];
const COUNTRIES = ['GB', 'GB', 'GB', 'TR', 'DE', 'NL', 'SE', 'US'];

/** 50 fictional supporters as a CSV in the shape of a real export. */
export function demoSupportersCsv(): string {
  const rows = ['email,first_name,last_name,language,country,tags'];
  for (let i = 0; i < 50; i++) {
    const given = GIVEN[i % GIVEN.length]!;
    const family = FAMILY[(i * 7) % FAMILY.length]!;
    const tags = i % 3 === 0 ? 'volunteers;london' : 'supporters';
    rows.push([`supporter${String(i + 1).padStart(2, '0')}@example.org`, given, family,
      LANGUAGES[i % LANGUAGES.length], COUNTRIES[i % COUNTRIES.length], tags].map(csvField).join(','));
  }
  return rows.join('\r\n') + '\r\n';
}

function csvField(value: string | undefined): string {
  const v = value ?? '';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
