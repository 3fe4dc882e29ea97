using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;

AdapterService.Run(args, NativeSchemas.OneMap);
