import { ROLES } from '@ngk/domain';
import { temporalUiLink } from './temporal-ui-link';

const ID = '3f2b8c1e-6a4d-4e2f-9b1a-7c5d3e9f0a12';
const ui = { baseUrl: 'http://127.0.0.1:8233', namespace: 'default' };

describe('link from an item to its workflow in the Temporal Web UI', () => {
  it("opens the workflow's current run in the configured namespace", () => {
    expect(temporalUiLink(ui, 'admin', ID)).toBe(
      `http://127.0.0.1:8233/namespaces/default/workflows/recommendation-${ID}`,
    );
  });

  it('keeps a path prefix and drops trailing slashes', () => {
    expect(temporalUiLink({ ...ui, baseUrl: 'https://ops.example/temporal//' }, 'admin', ID)).toBe(
      `https://ops.example/temporal/namespaces/default/workflows/recommendation-${ID}`,
    );
  });

  it('encodes the namespace and the workflow id as path segments', () => {
    expect(temporalUiLink({ ...ui, namespace: 'ngk/prod tỉnh?#' }, 'admin', 'a/b c')).toBe(
      'http://127.0.0.1:8233/namespaces/ngk%2Fprod%20t%E1%BB%89nh%3F%23/workflows/recommendation-a%2Fb%20c',
    );
  });

  it('gives no link without a Temporal UI, nor to anyone but an admin', () => {
    expect(temporalUiLink({ ...ui, baseUrl: undefined }, 'admin', ID)).toBeNull();
    expect(temporalUiLink({ ...ui, baseUrl: '' }, 'admin', ID)).toBeNull();
    for (const role of ROLES.filter((r) => r !== 'admin')) expect(temporalUiLink(ui, role, ID)).toBeNull();
  });
});
