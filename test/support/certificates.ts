import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TestCertificates {
  caFile: string;
  serverName: string;
  certFile: string;
  keyFile: string;
  clientCertFile: string;
  clientKeyFile: string;
  /** Signed by another CA: a client the server must not trust. */
  strangerCertFile: string;
  strangerKeyFile: string;
}

/** A CA, a server certificate for `serverName` and 127.0.0.1, and client certificates, made by openssl. */
export function makeCertificates(dir: string, serverName = 'temporal.ngk.test'): TestCertificates {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ca = (name: string) =>
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.pem`),
    );
  const signed = (name: string, caName: string, extensions: string) => {
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.csr`),
    );
    fs.writeFileSync(file(`${name}.ext`), extensions);
    openssl(
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file(`${caName}.pem`),
      '-CAkey',
      file(`${caName}.key`),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      file(`${name}.ext`),
      '-out',
      file(`${name}.pem`),
    );
  };
  ca('ngk-test-ca');
  ca('stranger-ca');
  signed(
    'server',
    'ngk-test-ca',
    `subjectAltName=DNS:${serverName},IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n`,
  );
  signed('ngk-worker', 'ngk-test-ca', 'extendedKeyUsage=clientAuth\n');
  signed('stranger', 'stranger-ca', 'extendedKeyUsage=clientAuth\n');
  return {
    caFile: file('ngk-test-ca.pem'),
    serverName,
    certFile: file('server.pem'),
    keyFile: file('server.key'),
    clientCertFile: file('ngk-worker.pem'),
    clientKeyFile: file('ngk-worker.key'),
    strangerCertFile: file('stranger.pem'),
    strangerKeyFile: file('stranger.key'),
  };
}
