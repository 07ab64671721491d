/** The services of a Temporal server; each can run in its own process. */
export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

export interface ServerTls {
  /** PEM files: the frontend's certificate and key, and the CA that signed the clients it accepts. */
  certFile: string;
  keyFile: string;
  caFile: string;
  /** The name in the frontend's certificate, checked by the server's own clients. */
  serverName: string;
}

export interface ServerConfigInput {
  numHistoryShards: number;
  postgres: { host: string; port: number; user: string; password: string };
  databases: { temporal: string; visibility: string };
  /** gRPC and membership ports per service, the frontend's HTTP port, and the Prometheus port. */
  ports: Record<TemporalService, { grpc: number; membership: number }> & { http: number; metrics: number };
  dynamicConfigFile: string;
  logLevel: string;
  tls?: ServerTls;
}

/**
 * The Temporal server's configuration for NGK, in the shape of the server's own
 * `config/development-postgres12.yaml`: both stores on PostgreSQL, every service bound to 127.0.0.1, the
 * Prometheus endpoint on, archival off. JSON is YAML, so the object is written as it is.
 */
export function temporalServerConfig(input: ServerConfigInput): { global: object } & Record<string, unknown> {
  // Each service of the process has its own pools: 4 × (8 + 2) connections at most, well inside
  // PostgreSQL's default of 100 that NGK's own pools share. A pool keeps every connection it opened, as
  // the server's own configurations do (`maxIdleConns` equal to `maxConns`): with fewer kept idle, Go's
  // pool closes each one past them as soon as it is returned and opens a new one for the next query, a new
  // PostgreSQL backend each time under load.
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${input.postgres.host}:${input.postgres.port}`,
      connectProtocol: 'tcp',
      user: input.postgres.user,
      password: input.postgres.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const services = Object.fromEntries(
    TEMPORAL_SERVICES.map((service) => [
      service,
      {
        rpc: {
          grpcPort: input.ports[service].grpc,
          membershipPort: input.ports[service].membership,
          bindOnLocalHost: true,
          ...(service === 'frontend' ? { httpPort: input.ports.http } : {}),
        },
      },
    ]),
  );
  const frontendAddress = `127.0.0.1:${input.ports.frontend.grpc}`;
  return {
    log: { stdout: true, level: input.logLevel },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: input.numHistoryShards,
      datastores: {
        'postgres-default': store(input.databases.temporal, 8),
        'postgres-visibility': store(input.databases.visibility, 2),
      },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      metrics: {
        prometheus: {
          framework: 'tally',
          timerType: 'histogram',
          listenAddress: `127.0.0.1:${input.ports.metrics}`,
        },
      },
      ...(input.tls ? { tls: serverTls(input.tls) } : {}),
    },
    services,
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: frontendAddress,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    namespaceDefaults: {
      archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    },
    dynamicConfigClient: { filepath: input.dynamicConfigFile, pollInterval: '10s' },
  };
}

/**
 * mTLS on the frontend: a client without a certificate signed by the CA is refused. The server's own
 * system worker presents the same certificate, so it is let in like any client holding one.
 */
function serverTls(tls: ServerTls): Record<string, unknown> {
  const client = { serverName: tls.serverName, rootCaFiles: [tls.caFile] };
  return {
    frontend: {
      server: {
        certFile: tls.certFile,
        keyFile: tls.keyFile,
        clientCaFiles: [tls.caFile],
        requireClientAuth: true,
      },
      client,
    },
    systemWorker: { certFile: tls.certFile, keyFile: tls.keyFile, client },
  };
}
