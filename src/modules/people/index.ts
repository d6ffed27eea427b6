// People: supporters, their tags and consent (subscription status with its history), CSV import.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';

export { changeSubscription, SUBSCRIPTION_STATUSES } from './subscriptions.service.ts';
export { listAudienceBatch, countAudienceOf, findAudienceMemberByEmail, subscribedAmong, type AudienceMember } from './audience.service.ts';

export function registerPeopleRoutes(_app: FastifyInstance, _deps: Deps): void {}
