import { Connection, type ConnectionOptions } from '@temporalio/client';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeCertificates } from '../support/certificates';
import { useOwnTemporalServer } from '../support/own-temporal';

/** The real server with mTLS on its frontend: only a client holding a certificate of the CA gets in. */
describe('Temporal with mTLS', () => {
  const certs = makeCertificates(fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-mtls-')));
  const temporal = useOwnTemporalServer('mtls', { tls: certs });

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
});
