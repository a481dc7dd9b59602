import { Injectable } from '@nestjs/common';

/**
 * Whether the service has been asked to stop. From that moment readiness fails, so a load balancer
 * moves traffic away, while requests still arriving keep being answered (see graceful-shutdown.ts).
 */
@Injectable()
export class ShutdownState {
  isShuttingDown = false;
  /** HTTP requests received and not yet answered (a stop waits for none before closing live sockets). */
  requestsInFlight = 0;
}
