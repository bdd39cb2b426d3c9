import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RolesAccess } from '../../auth/access.js';
import { VendorIdPipe } from '../../http/id-param.pipe.js';
import { requestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import { replyRecorded } from '../../shared/recorded-reply.js';
import { ReclassifyVendorRiskCommand } from './reclassify-vendor-risk.command.js';
import { ReclassifyVendorRiskRequestDto } from './reclassify-vendor-risk.request.dto.js';

@RolesAccess('admin')
@Controller('v1/vendors/:id/risk')
export class ReclassifyVendorRiskHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  async reclassify(
    @Param('id', VendorIdPipe) vendorId: string,
    @Body() body: ReclassifyVendorRiskRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EntryRecorded> {
    const recorded = await this.commandBus.execute(
      new ReclassifyVendorRiskCommand(vendorId, body, requestContext(request)),
    );
    return replyRecorded(reply, recorded);
  }
}
