import { Module } from '@nestjs/common';
import { ReorganizationsController } from './reorganizations.controller';
import { ReorganizationsRepository } from './reorganizations.repository';
import { ReorganizationsService } from './reorganizations.service';

@Module({
  controllers: [ReorganizationsController],
  providers: [ReorganizationsService, ReorganizationsRepository],
})
export class ReorganizationsModule {}
