// What the bench's organisation looks like: who its supporters are and how they are spread. Skewed where
// real lists are (a few tags on most people, many on few; most people subscribed; English first).

/** ~30 tags; the first is on about 45% of people, the last on about 1.5% (a Zipf-like fall). */
export const TAGS: readonly (readonly [string, number])[] = [
  'newsletter', 'petition-2024', 'volunteers', 'london', 'istanbul', 'donors', 'students', 'uyghur-diaspora',
  'rally-2023', 'press-list', 'berlin', 'amsterdam', 'teachers', 'faith-groups', 'lawyers', 'medics',
  'event-hosts', 'translators', 'stockholm', 'toronto', 'sydney', 'paris', 'tokyo', 'almaty', 'youth-council',
  'artists', 'unions', 'parliament-watch', 'boycott-2022', 'board',
].map((tag, i) => [tag, Math.min(0.45, 0.45 / (i + 1) ** 0.9)] as const);

export const LANGUAGES: readonly (readonly [string | null, number])[] = [
  ['en', 45], ['tr', 20], ['ug', 22], ['zh-Hans', 8], [null, 5],
];

export const COUNTRIES: readonly (readonly [string | null, number])[] = [
  ['GB', 20], ['TR', 18], ['US', 15], ['DE', 12], ['NL', 6], ['SE', 5], ['CA', 5], ['AU', 4], ['FR', 4],
  ['JP', 3], ['KZ', 3], [null, 5],
];

/** Two cities per country, for the custom field `city`. */
export const CITIES: Record<string, readonly [string, string]> = {
  GB: ['London', 'Manchester'], TR: ['Istanbul', 'Kayseri'], US: ['Washington', 'New York'], DE: ['Munich', 'Berlin'],
  NL: ['Amsterdam', 'The Hague'], SE: ['Stockholm', 'Gothenburg'], CA: ['Toronto', 'Montreal'],
  AU: ['Sydney', 'Adelaide'], FR: ['Paris', 'Lyon'], JP: ['Tokyo', 'Osaka'], KZ: ['Almaty', 'Astana'],
};

export const SOURCES: readonly (readonly [string, number])[] = [
  ['website', 40], ['petition-2024', 25], ['rally-2023', 10], ['actionnetwork-import', 15], ['mailchimp-import', 10],
];

/** Share of people with the custom field volunteer = "yes" (the others have no such field). */
export const VOLUNTEER_SHARE = 0.12;

export const STATUSES: readonly (readonly [string, number])[] = [
  ['subscribed', 88], ['unsubscribed', 8], ['bouncing', 3], ['spam complaint', 1],
];

/** Given and family names per language, each [as written, as in an address]. */
export const NAMES: Record<string, { given: readonly (readonly [string, string])[]; family: readonly (readonly [string, string])[] }> = {
  en: {
    given: [['James', 'james'], ['Mary', 'mary'], ['John', 'john'], ['Patricia', 'patricia'], ['Robert', 'robert'],
      ['Jennifer', 'jennifer'], ['Michael', 'michael'], ['Linda', 'linda'], ['David', 'david'], ['Sarah', 'sarah']],
    family: [['Smith', 'smith'], ['Jones', 'jones'], ['Taylor', 'taylor'], ['Brown', 'brown'], ['Williams', 'williams'],
      ['Wilson', 'wilson'], ['Johnson', 'johnson'], ['Davies', 'davies'], ['Evans', 'evans'], ['Thomas', 'thomas']],
  },
  tr: {
    given: [['Mehmet', 'mehmet'], ['Ayşe', 'ayse'], ['Mustafa', 'mustafa'], ['Fatma', 'fatma'], ['Ahmet', 'ahmet'],
      ['Emine', 'emine'], ['Ali', 'ali'], ['Hatice', 'hatice'], ['Hüseyin', 'huseyin'], ['Zeynep', 'zeynep']],
    family: [['Yılmaz', 'yilmaz'], ['Kaya', 'kaya'], ['Demir', 'demir'], ['Şahin', 'sahin'], ['Çelik', 'celik'],
      ['Yıldız', 'yildiz'], ['Yıldırım', 'yildirim'], ['Öztürk', 'ozturk'], ['Aydın', 'aydin'], ['Özdemir', 'ozdemir']],
  },
  ug: {
    given: [['Abdurehim', 'abdurehim'], ['Gulnar', 'gulnar'], ['Memet', 'memet'], ['Aygul', 'aygul'], ['Ilham', 'ilham'],
      ['Mihray', 'mihray'], ['Tursun', 'tursun'], ['Rahima', 'rahima'], ['Erkin', 'erkin'], ['Zulpiye', 'zulpiye']],
    family: [['Tohti', 'tohti'], ['Abdulla', 'abdulla'], ['Osman', 'osman'], ['Qadir', 'qadir'], ['Niyaz', 'niyaz'],
      ['Hoshur', 'hoshur'], ['Imin', 'imin'], ['Ablimit', 'ablimit'], ['Yasin', 'yasin'], ['Kurban', 'kurban']],
  },
  'zh-Hans': {
    given: [['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'],
      ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang']],
    family: [['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
      ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou']],
  },
};

export const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'hotmail.co.uk', 'web.de', 'yandex.com.tr', 'qq.com', 'icloud.com', 'example.org'];

/** Where the people on the list joined over: the last three years. */
export const JOINED_OVER_SECONDS = 3 * 365 * 86_400;

/** Of the recipients of a finished send: delivered, hard-bounced, failed otherwise, skipped (left meanwhile). */
export const OUTCOMES = { sent: 0.975, bounced: 0.01, failed: 0.005, skipped: 0.01 };
/** Recipients whose first try was deferred (greylisting, a busy relay) and who got through on the second. */
export const DEFERRED_SHARE = 0.03;
/** Of the delivered: who clicked a link, who unsubscribed, who opened (only where opens are tracked). */
export const CLICK_SHARE = 0.045;
export const UNSUBSCRIBE_SHARE = 0.002;
export const OPEN_SHARE = 0.28;
/** Share of the message being sent now that is still queued. */
export const STILL_QUEUED_SHARE = 0.35;

export const NETWORK_WEIGHTS: readonly (readonly [string, number])[] = [
  ['x', 45], ['bluesky', 15], ['mastodon', 8], ['threads', 7], ['facebook', 10], ['linkedin', 3], ['whatsapp', 6],
  ['telegram', 4], ['email', 2],
];
