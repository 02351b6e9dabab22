/**
 * What to tell a user whose machine cannot reach a site: the cause, in words, and what to try.
 * The reasons are the HTTP client's (http.ts), which name the network error by its code.
 */

const CAUSES: [pattern: RegExp, cause: string][] = [
  [/ENOTFOUND|EAI_AGAIN|EAI_NONAME/, 'its name does not resolve (no DNS answer: offline, or a resolver that blocks it)'],
  [/ECONNREFUSED/, 'the connection was refused'],
  [/timed out|UND_ERR_CONNECT_TIMEOUT|ETIMEDOUT/, 'it does not answer'],
  [/ECONNRESET|EHOSTUNREACH|ENETUNREACH|socket hang up|other side closed/i, 'the connection fails (the network, or a firewall, cuts it)'],
];

/** The cause of a failure to reach a host, when the reason is one of the network's (not an HTTP status). */
export function unreachableCause(reason: string): string | undefined {
  return CAUSES.find(([pattern]) => pattern.test(reason))?.[1];
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/** When every failure given is the network's, the advice for the first of them; otherwise none. */
export function adviceForFailures(failures: readonly { source: string; error?: string }[], origin?: URL): string | undefined {
  const first = failures[0];
  if (!first?.error || !failures.every((failure) => failure.error && unreachableCause(failure.error))) return undefined;
  return unreachableAdvice(new URL(first.source).host, first.error, origin);
}

/**
 * One line: the host, the cause, the proxy in use or not, and what to try. Behind a mirror
 * (`origin`), the mirror is what cannot be reached, and the address to check.
 */
export function unreachableAdvice(host: string, reason: string, origin?: URL, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const cause = unreachableCause(reason);
  if (!cause) return undefined;
  const proxyVariable = PROXY_VARIABLES.find((name) => env[name]);
  const proxy = proxyVariable ? `through the proxy in ${proxyVariable}` : 'with no proxy (HTTPS_PROXY is not set)';
  if (origin) return `cannot reach the mirror ${origin.host} (--origin) ${proxy}: ${cause} (${reason}); check that it serves the site's paths, or try a proxy (HTTPS_PROXY) or a feed this machine can reach (--feed)`;
  return `cannot reach ${host} ${proxy}: ${cause} (${reason}); try a mirror (--origin), a proxy (HTTPS_PROXY), or a feed this machine can reach (--feed)`;
}
