import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { AdminAuditService } from './admin-audit.service';
import { AdminService } from './admin.service';
import { ReferenceAdminService } from './reference-admin.service';

@Module({
  controllers: [AdminController],
  providers: [AdminService, ReferenceAdminService, AdminAuditService],
})
export class AdminModule {}
