/**
 * Reads Chromium's network log (`--log-net-log`, which the renderer writes
 * when MC_RENDER_NET_LOG names a file) and lists what went where.
 */
import {readFileSync} from 'node:fs';

/** What a network log says the browser tried. */
export interface NetworkReport {
  /** URLs of requests the network stack started (any destination). */
  requests: string[];
  /** Addresses of TCP connection attempts. */
  tcp: string[];
  /** Addresses UDP datagrams were sent to. */
  udpSent: string[];
  /**
   * Addresses of UDP sockets that were connected but sent nothing (a UDP
   * connect() only picks a route: Chromium's IPv6 reachability check).
   */
  udpProbes: string[];
}

interface NetLogEvent {
  type: number;
  source: {id: number; type: number};
  params?: Record<string, unknown>;
}

/** Parses a log that may lack its closing brackets (a killed browser). */
function parse(text: string): {
  constants: {logEventTypes: Record<string, number>};
  events: NetLogEvent[];
} {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    return JSON.parse(trimmed.replace(/,\s*$/, '') + ']}');
  }
}

/** True for an "address:port" on the loopback interface. */
export function isLoopbackAddress(address: string): boolean {
  const host = address.startsWith('[')
    ? address.slice(1, address.indexOf(']'))
    : address.replace(/:\d+$/, '');
  return /^127\./.test(host) || host === '::1' || host === 'localhost';
}

/** Reads the network log at `file`. */
export function readNetLog(file: string): NetworkReport {
  const log = parse(readFileSync(file, 'utf8'));
  const names = new Map<number, string>(
    Object.entries(log.constants.logEventTypes).map(([name, id]) => [id, name]),
  );
  const requests = new Set<string>();
  const tcp = new Set<string>();
  const udpSent = new Set<string>();
  const udpConnected = new Map<number, string>();
  const udpSending = new Set<number>();
  for (const event of log.events) {
    const name = names.get(event.type) ?? '';
    const params = event.params ?? {};
    const address = typeof params.address === 'string' ? params.address : null;
    if (name === 'URL_REQUEST_START_JOB' && typeof params.url === 'string') {
      requests.add(params.url);
    } else if (
      (name === 'TCP_CONNECT_ATTEMPT' ||
        name === 'TRANSPORT_CONNECT_JOB_CONNECT_ATTEMPT') &&
      address
    ) {
      tcp.add(address);
    } else if (name === 'TCP_CONNECT' && Array.isArray(params.address_list)) {
      for (const a of params.address_list) tcp.add(String(a));
    } else if (name === 'UDP_CONNECT' && address) {
      udpConnected.set(event.source.id, address);
    } else if (name === 'UDP_BYTES_SENT') {
      udpSending.add(event.source.id);
      const to = address ?? udpConnected.get(event.source.id);
      if (to) udpSent.add(to);
    }
  }
  const udpProbes = [...udpConnected]
    .filter(([id]) => !udpSending.has(id))
    .map(([, address]) => address);
  return {
    requests: [...requests],
    tcp: [...tcp],
    udpSent: [...udpSent],
    udpProbes: [...new Set(udpProbes)],
  };
}
