// i18n: the fixed words of public pages and emails in each shipped language (catalogues/*.json, ICU
// MessageFormat), the choice of a language from a tag, and the shape check for an organiser's overrides.
export { catalogueOf, isMessageKey, referenceCatalogue, REFERENCE_LANGUAGE, shippedLanguages, type Catalogue, type MessageKey } from './catalogues.ts';
export { acceptedLanguages, pickLanguage, supportedLanguage } from './negotiate.ts';
export { messageShape, type MessageShape } from './message-shape.ts';
export { createTranslator, type HtmlValues, type Overrides, type TextValues, type Translator } from './translator.ts';
export { translatedFragment } from './translated-fragments.ts';
