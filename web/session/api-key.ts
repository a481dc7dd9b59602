import { useSyncExternalStore } from 'react';

/**
 * The API key of this browser tab: kept in sessionStorage only (gone when the tab closes, never in
 * localStorage, a cookie or a URL), sent as `Authorization: Bearer`, forgotten by "Sign out".
 */
const STORAGE_KEY = 'coalition-registry.api-key';
const listeners = new Set<() => void>();

export function currentApiKey(): string | null {
  return window.sessionStorage.getItem(STORAGE_KEY);
}

export function rememberApiKey(key: string): void {
  window.sessionStorage.setItem(STORAGE_KEY, key);
  listeners.forEach((listener) => listener());
}

export function forgetApiKey(): void {
  window.sessionStorage.removeItem(STORAGE_KEY);
  listeners.forEach((listener) => listener());
}

/** The headers that carry the key, if there is one. */
export function authorizationHeaders(key: string | null = currentApiKey()): Record<string, string> {
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** The key, re-rendering the component when it is set or forgotten. */
export function useApiKey(): string | null {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, currentApiKey);
}
