import { AppError } from '../core/errors.js'

/** Bad input to the simulator (unknown chat, not a member, empty text …): a 400 with a clear message. */
export class SimulatorError extends AppError {
  constructor(message: string) {
    super(400, 'bad_request', message)
    this.name = 'SimulatorError'
  }
}
