import { Module } from '@nestjs/common';
import { ResponseTemplatesController } from './response-templates.controller';
import { ResponseTemplatesRepository } from './response-templates.repository';
import { ResponseTemplatesService } from './response-templates.service';

@Module({
  controllers: [ResponseTemplatesController],
  providers: [ResponseTemplatesService, ResponseTemplatesRepository],
})
export class ResponseTemplatesModule {}
