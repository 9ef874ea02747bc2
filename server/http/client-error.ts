import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../lib/contract/index.ts';

/**
 * Node answers a request it cannot parse (headers past its size limit, a broken request line) itself,
 * before the app sees it, with an empty 400 or 431. This answers those as problem+json like every other
 * error, so a client has one error shape to read. For `server.on('clientError', …)`.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body: Problem = {
    type: `https://sidelight.dev/problems/${tooLarge ? 'headers_too_large' : 'malformed_request'}`,
    title: tooLarge ? 'Request Header Fields Too Large' : 'Bad Request',
    status,
    code: tooLarge ? 'headers_too_large' : 'malformed_request',
    detail: tooLarge ? 'The request headers are larger than the server accepts.' : 'The request could not be parsed as HTTP.',
  };
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${body.title}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
  );
}
