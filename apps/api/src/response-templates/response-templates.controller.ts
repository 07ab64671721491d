import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import {
  CreateResponseTemplateDto,
  FittingTemplatesQuery,
  UpdateResponseTemplateDto,
} from './response-templates.dto';
import { ResponseTemplatesService } from './response-templates.service';

/** Response templates: kept by admins (ACCESS_POLICY), read by the units that resolve items. */
@ApiTags('response templates')
@ActingUser()
@ApiResponse({ status: 400, description: 'Malformed request; `errors` names each field' })
@Controller('api')
export class ResponseTemplatesController {
  constructor(private readonly templates: ResponseTemplatesService) {}

  @Get('response-templates')
  @ApiOperation({ summary: 'Every response template, retired ones included (last)' })
  all() {
    return this.templates.all();
  }

  @Post('response-templates')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a response template for an outcome and, optionally, a category' })
  @ApiResponse({ status: 409, description: 'Name taken, in any case' })
  @ApiResponse({ status: 422, description: 'Unknown outcome or category' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateResponseTemplateDto) {
    return this.templates.create(actor, body);
  }

  @Patch('response-templates/:id')
  @ApiOperation({
    summary: 'Change a response template: name, outcome, category, text; `active: false` retires it',
  })
  @ApiResponse({ status: 404, description: 'No such template' })
  @ApiResponse({ status: 409, description: 'Name taken, in any case' })
  @ApiResponse({ status: 422, description: 'Unknown outcome or category' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateResponseTemplateDto,
  ) {
    return this.templates.update(actor, id, body);
  }

  @Get('recommendations/:id/response-templates')
  @ApiOperation({
    summary: 'The active templates that fit an item: its category’s first, then every category’s',
    description: 'Of the outcome asked, or of every outcome when none is given.',
  })
  @ApiResponse({ status: 404, description: 'No such recommendation, or not one the caller may see' })
  @ApiResponse({ status: 422, description: 'Unknown outcome' })
  fitting(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: FittingTemplatesQuery,
  ) {
    return this.templates.fitting(actor, id, query);
  }
}
