import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { AdminController } from './admin.controller';
import { AdminAuditService } from './admin-audit.service';
import { AdminRepository } from './admin.repository';
import { AdminService } from './admin.service';
import { ReferenceAdminService } from './reference-admin.service';

@Module({
  imports: [CalendarModule],
  controllers: [AdminController],
  providers: [AdminService, ReferenceAdminService, AdminAuditService, AdminRepository],
})
export class AdminModule {}
