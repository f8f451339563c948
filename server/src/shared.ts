/**
 * The one door from the server to the shared package: the core (schema, machine, engine views and bots)
 * and the socket/HTTP protocol. Everything the server needs from `shared/` comes through here.
 */
export * from '@arsenal/shared';
export * from '@arsenal/shared/protocol';
