// A hash router: #/path/param?query. Screens are plain functions that fill a container.

const routes = new Map();
let renderRoute = null;

/** Registers a screen: `pattern` like 'item/:id'. */
export function route(pattern, screen) {
  routes.set(pattern, screen);
}

export function parseHash(hash = location.hash) {
  const [pathPart, queryPart = ''] = hash.replace(/^#\/?/, '').split('?');
  const segments = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return { segments, query: Object.fromEntries(new URLSearchParams(queryPart)) };
}

/** The screen and parameters for the current hash, or null. */
export function match(hash = location.hash) {
  const { segments, query } = parseHash(hash);
  for (const [pattern, screen] of routes) {
    const parts = pattern.split('/');
    if (parts.length !== segments.length) continue;
    const params = {};
    const fits = parts.every((part, i) => {
      if (part.startsWith(':')) return ((params[part.slice(1)] = segments[i]), true);
      return part === segments[i];
    });
    if (fits) return { name: parts[0], screen, params, query };
  }
  return null;
}

/** A hash for a screen and its query, empty values left out. */
export function href(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return `#/${path}${text ? `?${text}` : ''}`;
}

/** Goes to a hash; renders again when it is already the current one. */
export function navigate(hash) {
  if (location.hash === hash) renderRoute?.();
  else location.hash = hash;
}

export function rerender() {
  renderRoute?.();
}

export function startRouter(render) {
  renderRoute = render;
  window.addEventListener('hashchange', render);
  render();
}
