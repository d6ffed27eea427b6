// The HTTP server in front of Fastify. A route may open a door in it for the few requests a burst is made of
// (a storm's page and its form): they are answered before Fastify's routing, hooks and request objects,
// which cost such a request about as much as Node's own parsing. Every other request, and any the door's
// route declines, goes on to Fastify untouched. A route answers exactly as its Fastify route does: both
// write the same answer (answer.ts), made by the same function.
import { createServer, type IncomingMessage, type Server, type ServerOptions as HttpOptions, type ServerResponse } from 'node:http';

/** Answers the request and returns true, or returns false having read nothing of it. */
export type FrontDoorRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The server options Fastify applies to a server it makes itself. */
interface ServerOptions {
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket?: number | null;
}

export interface FrontDoor {
  /** For Fastify's serverFactory option. */
  serverFactory(handler: Handler, options: Record<string, unknown>): Server;
  open(route: FrontDoorRoute): void;
  /** From now on every request goes to Fastify (which, closing, answers 503 as it should). */
  close(): void;
}

export function createFrontDoor(): FrontDoor {
  let route: FrontDoorRoute | undefined;
  return {
    serverFactory(handler, options) {
      const server = createServer((options.http ?? {}) as HttpOptions, (req, res) => {
        if (route === undefined || !route(req, res)) handler(req, res);
      });
      const { keepAliveTimeout, requestTimeout, connectionTimeout, maxRequestsPerSocket } = options as unknown as ServerOptions;
      server.keepAliveTimeout = keepAliveTimeout;
      server.requestTimeout = requestTimeout;
      server.setTimeout(connectionTimeout);
      if (maxRequestsPerSocket) server.maxRequestsPerSocket = maxRequestsPerSocket;
      return server;
    },
    open(next) {
      route = next;
    },
    close() {
      route = undefined;
    },
  };
}
