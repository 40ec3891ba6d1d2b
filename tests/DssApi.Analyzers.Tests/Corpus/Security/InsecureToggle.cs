using DssApi;

namespace Acme.Tools.DssCtl;

/// <summary>dssctl's --insecure flag and the DSSCTL_INSECURE variable.</summary>
internal static class InsecureToggle
{
    public static DssClientOptions Apply(DssClientOptions options, bool insecureFlag)
    {
        if (insecureFlag || Environment.GetEnvironmentVariable("DSSCTL_INSECURE") == "1")
        {
            Console.Error.WriteLine("warning: server certificate not checked");
            options.DangerousAcceptAnyServerCertificate = true; // expect: DSS1009
        }

        return options;
    }

    public static DssClientOptions ApplyFlag(DssClientOptions options, bool insecureFlag)
    {
        options.DangerousAcceptAnyServerCertificate = insecureFlag;
        return options;
    }

    public static DssClientOptions Lab(DssClientOptions options)
    {
        options.DangerousAcceptAnyServerCertificate = true; // expect: DSS1009
        options.Timeout = TimeSpan.FromMinutes(5);
        return options;
    }

    public static void Reset(DssClientOptions options) => options.DangerousAcceptAnyServerCertificate = false;
}
