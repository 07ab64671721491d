import type { ConfigService } from '@nestjs/config';
import type { TLSConfig } from '@temporalio/client';
import * as fs from 'node:fs';
import { TEMPORAL_TLS_SETTINGS, type Environment } from '@ngk/config';

const CONNECTION_VARIABLES = ['TEMPORAL_ADDRESS', 'TEMPORAL_TLS', ...TEMPORAL_TLS_SETTINGS] as const;

export type TemporalConnectionEnvironment = Pick<Environment, (typeof CONNECTION_VARIABLES)[number]>;

/** What both the client's `Connection` and the worker's `NativeConnection` take. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

/**
 * How the API and the worker reach Temporal, from validated variables. Plaintext unless TEMPORAL_TLS is
 * true or a certificate, a CA, a server name or an API key is set (an API key never travels in
 * plaintext); the PEM files are read here, and a file that cannot be read is an error naming its variable.
 */
export function temporalConnectionOptions(env: TemporalConnectionEnvironment): TemporalConnectionOptions {
  const options: TemporalConnectionOptions = { address: env.TEMPORAL_ADDRESS };
  if (env.TEMPORAL_API_KEY) options.apiKey = env.TEMPORAL_API_KEY;
  const asked = [
    env.TEMPORAL_TLS_CLIENT_CERT_PATH,
    env.TEMPORAL_TLS_CLIENT_KEY_PATH,
    env.TEMPORAL_TLS_SERVER_CA_CERT_PATH,
    env.TEMPORAL_TLS_SERVER_NAME,
  ];
  const implied = asked.some((value) => value) || options.apiKey !== undefined;
  if (env.TEMPORAL_TLS === false) {
    if (implied)
      throw new Error('TEMPORAL_TLS is false, but TLS settings or TEMPORAL_API_KEY are set: they need TLS');
    return options;
  }
  if (env.TEMPORAL_TLS !== true && !implied) return options;

  const tls: TLSConfig = {};
  if (env.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = env.TEMPORAL_TLS_SERVER_NAME;
  if (env.TEMPORAL_TLS_SERVER_CA_CERT_PATH)
    tls.serverRootCACertificate = readPem(
      'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
      env.TEMPORAL_TLS_SERVER_CA_CERT_PATH,
    );
  if (env.TEMPORAL_TLS_CLIENT_CERT_PATH || env.TEMPORAL_TLS_CLIENT_KEY_PATH) {
    if (!env.TEMPORAL_TLS_CLIENT_CERT_PATH || !env.TEMPORAL_TLS_CLIENT_KEY_PATH) {
      throw new Error(
        'TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH go together: set both for mTLS, or neither',
      );
    }
    tls.clientCertPair = {
      crt: readPem('TEMPORAL_TLS_CLIENT_CERT_PATH', env.TEMPORAL_TLS_CLIENT_CERT_PATH),
      key: readPem('TEMPORAL_TLS_CLIENT_KEY_PATH', env.TEMPORAL_TLS_CLIENT_KEY_PATH),
    };
  }
  options.tls = tls;
  return options;
}

/** The same, from the apps' validated configuration. */
export function temporalConnectionOptionsFrom(
  config: ConfigService<Environment, true>,
): TemporalConnectionOptions {
  const env = Object.fromEntries(
    CONNECTION_VARIABLES.map((name) => [name, config.get(name, { infer: true })]),
  );
  return temporalConnectionOptions(env as unknown as TemporalConnectionEnvironment);
}

function readPem(variable: string, file: string): Buffer {
  let pem: Buffer;
  try {
    pem = fs.readFileSync(file);
  } catch (err) {
    throw new Error(`${variable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  // A DER file or a wrong path (a directory's listing, a config file) fails here rather than in the handshake.
  if (!pem.toString('latin1').includes('-----BEGIN ')) {
    throw new Error(`${variable}: ${file} is not PEM (no "-----BEGIN" line)`);
  }
  return pem;
}
