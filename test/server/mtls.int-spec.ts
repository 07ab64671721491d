import { Connection, type ConnectionOptions } from '@temporalio/client';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { useApps } from '../support/apps';
import { makeCertificates } from '../support/certificates';
import { examples } from '../support/examples';
import { client } from '../support/http';
import { useOwnTemporalServer } from '../support/own-temporal';

/** The real server with mTLS on its frontend: only a client holding a certificate of the CA gets in. */
describe('Temporal with mTLS', () => {
  const certs = makeCertificates(fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-mtls-')));
  const temporal = useOwnTemporalServer('mtls', { tls: certs });
  // The apps read the same variables as the temporal CLI.
  const tlsEnv = {
    TEMPORAL_TLS_CLIENT_CERT_PATH: certs.clientCertFile,
    TEMPORAL_TLS_CLIENT_KEY_PATH: certs.clientKeyFile,
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.caFile,
    TEMPORAL_TLS_SERVER_NAME: certs.serverName,
  };
  beforeAll(() => Object.assign(process.env, tlsEnv));
  afterAll(() => Object.keys(tlsEnv).forEach((name) => delete process.env[name]));
  const apps = useApps();

  const describeNamespace = async (tls: ConnectionOptions['tls']) => {
    const connection = await Connection.connect({
      address: temporal.server.address,
      tls,
      connectTimeout: 5_000,
    });
    try {
      return await connection.workflowService.describeNamespace({ namespace: 'default' });
    } finally {
      await connection.close();
    }
  };
  const trusted = {
    serverNameOverride: certs.serverName,
    serverRootCACertificate: fs.readFileSync(certs.caFile),
  };

  it('serves a client with a certificate signed by its CA', async () => {
    const answer = await describeNamespace({
      ...trusted,
      clientCertPair: {
        crt: fs.readFileSync(certs.clientCertFile),
        key: fs.readFileSync(certs.clientKeyFile),
      },
    });
    expect(answer.namespaceInfo?.name).toBe('default');
  });

  it('refuses a client without a certificate, with one from another CA, and in plain text', async () => {
    await expect(describeNamespace(trusted)).rejects.toThrow();
    await expect(
      describeNamespace({
        ...trusted,
        clientCertPair: {
          crt: fs.readFileSync(certs.strangerCertFile),
          key: fs.readFileSync(certs.strangerKeyFile),
        },
      }),
    ).rejects.toThrow();
    await expect(describeNamespace(undefined)).rejects.toThrow();
  });

  it('runs the worker and the API over mTLS from the environment', async () => {
    const submitted = await client(apps.api).submit('cadre.phongnam', {
      ...(await examples()).propaganda,
      title: 'Kết nối Temporal qua mTLS',
    });
    expect([submitted.status, submitted.body.status]).toEqual([201, 'routed']);
  });
});
