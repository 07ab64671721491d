import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { AdminController } from './admin.controller';
import { AdminAuditService } from './admin-audit.service';
import { AdminRepository } from './admin.repository';
import { AdminService } from './admin.service';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';
import { ReferenceAdminService } from './reference-admin.service';

@Module({
  imports: [CalendarModule],
  controllers: [AdminController, AssignmentsController],
  providers: [
    AdminService,
    ReferenceAdminService,
    AdminAuditService,
    AdminRepository,
    AssignmentsService,
    AssignmentsRepository,
  ],
})
export class AdminModule {}
