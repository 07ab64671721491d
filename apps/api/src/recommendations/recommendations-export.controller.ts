import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { ExportRecommendationsQuery } from './dto/list-recommendations.query';
import { csvHeader, csvRows, UTF8_BOM, type CsvItem } from './recommendations-csv';
import { RecommendationsService } from './recommendations.service';

@ApiTags('recommendations')
@ActingUser()
@Controller('api')
export class RecommendationsExportController {
  private readonly logger = new Logger(RecommendationsExportController.name);

  constructor(private readonly recommendations: RecommendationsService) {}

  @Get('recommendations.csv')
  @ApiOperation({
    summary: 'The list as a CSV file: the same filters and order, every item the caller may see',
    description:
      'UTF-8 with a byte order mark, so Excel reads Vietnamese; written page by page as it is read, ' +
      'never built whole in memory.',
  })
  @ApiProduces('text/csv')
  @ApiResponse({ status: 400, description: 'A filter is malformed, as for the list' })
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: ExportRecommendationsQuery,
    @Res() res: Response,
  ): Promise<void> {
    const { lang = 'vi', ...filters } = query;
    const pages = this.recommendations.listAll(actor, filters);
    // The first page is read before anything is sent, so a refused filter or a database outage answers
    // with its own status rather than a cut file.
    const first = await pages.next();
    let closed = false;
    res.on('close', () => (closed = true));
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName()}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await write(res, UTF8_BOM + csvHeader(lang) + csvRows((first.value ?? []) as CsvItem[], lang));
      for await (const items of pages) {
        if (closed) break;
        await write(res, csvRows(items as CsvItem[], lang));
      }
      res.end();
    } catch (err) {
      // The status line is gone: the client sees a broken download, never a file that looks complete.
      this.logger.error(`CSV export stopped: ${(err as Error).message}`);
      res.destroy(err as Error);
    }
  }
}

/** Writes a chunk and waits while the client's buffer is full, so a slow reader slows the reads. */
function write(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** `kien-nghi-20261201-1430.csv`, in Việt Nam time. */
function fileName(): string {
  const now = new Date(Date.now() + 7 * 3_600_000).toISOString();
  return `kien-nghi-${now.slice(0, 10).replace(/-/g, '')}-${now.slice(11, 16).replace(':', '')}.csv`;
}
