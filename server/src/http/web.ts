import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { ErrorCode, type HttpError } from '../shared.ts';
import { errorFields } from '../logger.ts';
import { hostChecker } from '../security/hosts.ts';
import { apiRouter, type ApiDeps } from './api.ts';
import { HttpFailure } from './failure.ts';

/**
 * The express app: the Host check, security headers, the API under /api (with `more` routers mounted
 * inside it), the built client, and one error handler.
 */
export function webApp(deps: ApiDeps, more: readonly express.Router[] = []): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  const hostAllowed = hostChecker(deps.config);
  app.use((req, _res, next) =>
    hostAllowed(req.headers.host)
      ? next()
      : next(new HttpFailure(421, ErrorCode.BadHost, 'This server does not answer to that host name.')),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'connect-src': ["'self'", ...deps.config.allowedOrigins.filter((o) => o !== '*')] },
      },
    }),
  );
  if (deps.cluster) app.use('/api', deps.cluster.http);
  app.use('/api', apiRouter(deps, more));
  serveClient(app, deps.config.clientDist);
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const failure = asFailure(err);
    if (failure.status >= 500) deps.logger.error('request failed', { path: req.path, ...errorFields(err) });
    const body: HttpError = { ok: false, code: failure.code, message: failure.message, ...failure.details };
    if (failure.status === 429) res.setHeader('Retry-After', '60');
    res.status(failure.status).json(body);
  });
  return app;
}

/** Maps anything thrown to an answer; body-parser errors keep their status, everything else is a 500. */
function asFailure(err: unknown): HttpFailure {
  if (err instanceof HttpFailure) return err;
  const status = (err as { status?: unknown } | null)?.status;
  const type = (err as { type?: unknown } | null)?.type;
  if (status === 413 || type === 'entity.too.large')
    return new HttpFailure(413, ErrorCode.TooLarge, 'The request body is too large.');
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new HttpFailure(400, ErrorCode.BadPayload, 'The request body could not be read as JSON.');
  return new HttpFailure(500, ErrorCode.Internal, 'The server failed to answer this request.');
}

/** The built client, when there is one: its files, and index.html for every other page (client routes). */
function serveClient(app: express.Express, dist: string): void {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return;
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
