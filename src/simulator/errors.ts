import { AppError } from '../core/errors.js'

/**
 * Bad input to the simulator (unknown chat, not a member, empty text …): a 400 with a clear
 * message, or a 413 for a photo or file over the simulator's limits.
 */
export class SimulatorError extends AppError {
  constructor(message: string, status: 400 | 413 = 400) {
    super(status, status === 413 ? 'payload_too_large' : 'bad_request', message)
    this.name = 'SimulatorError'
  }
}
