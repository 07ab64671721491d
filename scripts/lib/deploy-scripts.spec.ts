import * as fs from 'node:fs';
import * as path from 'node:path';
import { searchAttributeRegistrations } from '@ngk/temporal';
import { temporalMode } from './temporal';
import { temporalServerConfig } from './temporal-config';

const DEPLOY = path.resolve(__dirname, '../../deploy');

describe('deploy/temporal-namespace.sh', () => {
  it('registers exactly the search attributes the workflows set', () => {
    const script = fs.readFileSync(path.join(DEPLOY, 'temporal-namespace.sh'), 'utf8');
    const listed = /^SEARCH_ATTRIBUTES="([^"]*)"$/m.exec(script)?.[1].split(' ');
    expect(listed?.sort()).toEqual(searchAttributeRegistrations().sort());
  });
});

describe('temporalMode', () => {
  it('is the dev server unless the real server is asked for', () => {
    expect(temporalMode({})).toBe('dev');
    expect(temporalMode({ NGK_TEMPORAL: 'server' })).toBe('server');
    expect(() => temporalMode({ NGK_TEMPORAL: 'prod' })).toThrow(/NGK_TEMPORAL must be dev .* or server/);
  });
});

describe('temporalServerConfig', () => {
  const ports = {
    frontend: { grpc: 21000, membership: 21001 },
    history: { grpc: 21002, membership: 21003 },
    matching: { grpc: 21004, membership: 21005 },
    worker: { grpc: 21006, membership: 21007 },
    http: 21008,
    metrics: 21009,
  };
  const input = {
    numHistoryShards: 8,
    postgres: { host: '127.0.0.1', port: 5432, user: 'temporal', password: 's3cret' },
    databases: { temporal: 'temporal', visibility: 'temporal_visibility' },
    ports,
    dynamicConfigFile: '/etc/ngk/dynamic.yaml',
    logLevel: 'warn',
  };

  it('puts both stores on PostgreSQL with the shard count and every service on loopback', () => {
    const config = temporalServerConfig(input);
    expect(config).toMatchObject({
      persistence: {
        numHistoryShards: 8,
        datastores: {
          'postgres-default': {
            sql: {
              pluginName: 'postgres12',
              databaseName: 'temporal',
              connectAddr: '127.0.0.1:5432',
              password: 's3cret',
            },
          },
          'postgres-visibility': { sql: { databaseName: 'temporal_visibility' } },
        },
      },
      services: {
        frontend: { rpc: { grpcPort: 21000, membershipPort: 21001, bindOnLocalHost: true, httpPort: 21008 } },
        history: { rpc: { grpcPort: 21002, membershipPort: 21003, bindOnLocalHost: true } },
      },
      global: { metrics: { prometheus: { listenAddress: '127.0.0.1:21009' } } },
      clusterMetadata: { clusterInformation: { active: { rpcAddress: '127.0.0.1:21000' } } },
      dynamicConfigClient: { filepath: '/etc/ngk/dynamic.yaml' },
    });
    expect(config.global).not.toHaveProperty('tls');
  });

  it('keeps every connection a pool opened, so a busy server does not open a backend per query', () => {
    const { datastores } = (
      temporalServerConfig(input) as unknown as {
        persistence: { datastores: Record<string, { sql: { maxConns: number; maxIdleConns: number } }> };
      }
    ).persistence;
    for (const { sql } of Object.values(datastores)) expect(sql.maxIdleConns).toBe(sql.maxConns);
  });

  it('requires client certificates on the frontend when TLS is given', () => {
    const tls = { certFile: '/c.pem', keyFile: '/k.pem', caFile: '/ca.pem', serverName: 'temporal.ngk' };
    expect(temporalServerConfig({ ...input, tls })).toMatchObject({
      global: {
        tls: {
          frontend: {
            server: {
              certFile: '/c.pem',
              keyFile: '/k.pem',
              clientCaFiles: ['/ca.pem'],
              requireClientAuth: true,
            },
          },
          systemWorker: { client: { serverName: 'temporal.ngk', rootCaFiles: ['/ca.pem'] } },
        },
      },
    });
  });
});
