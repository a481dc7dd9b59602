import { createContext, useCallback, useContext, useEffect, useState, type MouseEvent, type ReactNode } from 'react';

/**
 * Where the reader is, kept in the query string (`?coalition=…&member=…`) so every view has an
 * address that can be bookmarked and shared, the back button works, and `#` stays free for anchors.
 */
export interface DashboardRoute {
  coalition: string | null;
  member: string | null;
}

function readRoute(): DashboardRoute {
  const params = new URLSearchParams(window.location.search);
  return { coalition: params.get('coalition'), member: params.get('member') };
}

export function routeHref(route: DashboardRoute): string {
  const params = new URLSearchParams();
  if (route.coalition) params.set('coalition', route.coalition);
  if (route.member) params.set('member', route.member);
  const query = params.toString();
  return query ? `?${query}` : './';
}

type Navigate = (route: DashboardRoute) => void;

const NavigateContext = createContext<Navigate>(() => undefined);

export function useDashboardRoute(): [DashboardRoute, Navigate] {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const onPopState = () => setRoute(readRoute());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const navigate = useCallback((next: DashboardRoute) => {
    window.history.pushState(null, '', routeHref(next));
    setRoute(next);
    window.scrollTo(0, 0);
  }, []);
  return [route, navigate];
}

export function NavigateProvider({ navigate, children }: { navigate: Navigate; children: ReactNode }) {
  return <NavigateContext.Provider value={navigate}>{children}</NavigateContext.Provider>;
}

function isPlainLeftClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/** A real link (it opens in a new tab, works without script), navigating in place on a plain click. */
export function RouteLink({
  to,
  children,
  ...rest
}: {
  to: DashboardRoute;
  children: ReactNode;
  className?: string;
  'aria-label'?: string;
}) {
  const navigate = useContext(NavigateContext);
  return (
    <a
      {...rest}
      href={routeHref(to)}
      onClick={(event) => {
        if (!isPlainLeftClick(event)) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** The same behaviour for an SVG link (a country on the map). */
export function useRouteClick(): (to: DashboardRoute) => (event: MouseEvent) => void {
  const navigate = useContext(NavigateContext);
  return (to) => (event) => {
    if (!isPlainLeftClick(event)) return;
    event.preventDefault();
    navigate(to);
  };
}
