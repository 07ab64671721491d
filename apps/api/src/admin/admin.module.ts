import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { ReferenceAdminService } from './reference-admin.service';

@Module({ controllers: [AdminController], providers: [AdminService, ReferenceAdminService] })
export class AdminModule {}
