import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RolesAccess } from '../../auth/access.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { RegisterVendorCommand } from './register-vendor.command.js';
import { RegisterVendorRequestDto } from './register-vendor.request.dto.js';

@RolesAccess('admin')
@Controller('v1/vendors')
export class RegisterVendorHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async register(
    @Body() body: RegisterVendorRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(new RegisterVendorCommand(body, requestContext(request)));
    return replyRecorded(reply, recorded);
  }
}
