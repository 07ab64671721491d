import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { AdminAuditService } from './admin-audit.service';
import { AdminRepository } from './admin.repository';
import { AdminService } from './admin.service';
import { ReferenceAdminService } from './reference-admin.service';

@Module({
  controllers: [AdminController],
  providers: [AdminService, ReferenceAdminService, AdminAuditService, AdminRepository],
})
export class AdminModule {}
