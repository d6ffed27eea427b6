// People: supporters, their tags and consent (subscription status with its history), CSV import (also in the
// background, with progress), the filtered list and its export, a person's timeline, data export and erasure.
export { changeSubscription, SUBSCRIPTION_STATUSES } from './subscriptions.service.ts';
export { listAudienceBatch, countAudienceOf, findAudienceMemberByEmail, subscribedAmong, mailableAmong, type AudienceMember } from './audience.service.ts';
export { findOrAddReminderPerson, listReminderAddresses, type ReminderPerson } from './reminder-person.service.ts';
export { emailAddressProblem, normaliseEmail } from './email-address.ts';
export { importPeople, type ImportOptions, type ImportProgress, type ImportResult } from './import.service.ts';
export { getPerson, listPeople, setSubscription, type PeoplePage, type PeopleQuery, type PersonView } from './people.service.ts';
export { registerPeopleRoutes } from './people.routes.ts';
export { searchPeople, type SearchInput, type SearchPage } from './people-search.service.ts';
export { isErasedAddress } from './erase-person.service.ts';
