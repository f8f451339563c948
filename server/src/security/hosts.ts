import net from 'node:net';
import os from 'node:os';
import type { Config } from '../config.ts';

/**
 * The Host names this server answers to: the configured public URL's and allowed origins', the
 * `ALLOWED_HOSTS` list, IP addresses and `localhost` (a rebinding attack always names a domain), and,
 * for a room without any configuration, this machine's own name. A page on an attacker's domain that re-binds its name to this server's
 * address (DNS rebinding) sends its own name as Host, and is refused whatever its Origin says.
 */
export function hostChecker(config: Config): (host: string | undefined) => boolean {
  if (config.allowedHosts.includes('*')) return () => true;
  const named = new Set<string>(config.allowedHosts.map((h) => h.toLowerCase()));
  for (const url of [config.publicUrl, ...config.allowedOrigins]) {
    if (!url || url === '*') continue;
    try {
      named.add(new URL(url).hostname.toLowerCase());
    } catch {
      // not a URL: nothing to allow
    }
  }
  const me = os.hostname().toLowerCase();
  const configured = config.publicUrl !== null || config.allowedHosts.length > 0;
  return (host) => {
    if (!host) return false;
    const name = hostnameOf(host);
    if (name === null) return false;
    if (named.has(name) || net.isIP(name) !== 0 || name === 'localhost') return true;
    return !configured && (name === me || name === `${me}.local`);
  };
}

/** `example.org:3000` → `example.org`; `[::1]:3000` → `::1`; null if it is not a host. */
function hostnameOf(host: string): string | null {
  try {
    const name = new URL(`http://${host}`).hostname.toLowerCase();
    return name.startsWith('[') ? name.slice(1, -1) : name;
  } catch {
    return null;
  }
}
