// A message in several languages: its own subject and body in its own language, and translations
// beside them. Each recipient gets the version in their language (their `language` field, matched by
// language and script), else the message's own. An A/B subject test runs on the message's own version:
// a translated version has one subject.
import type { Message } from '../../db/schema.ts';
import { matchLanguage } from '../../lib/content-language.ts';
import { compileMessage, type CompiledMessage, type RecipientOfMessage } from './message-template.ts';
import { selectMessageTranslations } from './translations.repo.ts';

type VersionDeps = Parameters<typeof compileMessage>[0];

export async function compileMessageVersions(deps: VersionDeps, message: Message): Promise<CompiledMessage> {
  const original = await compileMessage(deps, message);
  const translations = await selectMessageTranslations(deps.db, message.id);
  if (translations.length === 0) return original;

  const versions = new Map<string, CompiledMessage>();
  for (const t of translations) {
    versions.set(t.language, await compileMessage(deps, { ...message, subject: t.subject, body: t.body, language: t.language, ab_subjects: null }));
  }
  const languages = [message.language, ...versions.keys()];
  const versionFor = (recipient: RecipientOfMessage) => versions.get(matchLanguage(languages, recipient.values.language) ?? message.language);
  return {
    render(recipient) {
      const version = versionFor(recipient);
      return version ? version.render({ ...recipient, subjectVariant: null }) : original.render(recipient);
    },
    renderMail(recipient) {
      const version = versionFor(recipient);
      return version ? version.renderMail({ ...recipient, subjectVariant: null }) : original.renderMail(recipient);
    },
  };
}
