// People: supporters, their tags and consent (subscription status with its history), CSV import.
export { changeSubscription, SUBSCRIPTION_STATUSES } from './subscriptions.service.ts';
export { listAudienceBatch, countAudienceOf, findAudienceMemberByEmail, subscribedAmong, type AudienceMember } from './audience.service.ts';
export { importPeople, type ImportOptions, type ImportProgress, type ImportResult } from './import.service.ts';
export { getPerson, listPeople, setSubscription, type PeoplePage, type PeopleQuery, type PersonView } from './people.service.ts';
export { registerPeopleRoutes } from './people.routes.ts';
